// Requests the security probe sends on every route: each one valid in every way but the one
// under test (wrong project's token, revoked token, foreign Origin, missing grant), so that if
// that one check were missing the request would succeed and change something we can see.
import { sendRequest, type ApiResponse } from '../../helpers/api';
import { fillPath, type BffRouteTemplate, type RouteTemplate } from './routes';

/** Real names and ids in one project, for filling wire paths. */
export interface WireTarget {
  projectId: string;
  pullQueue: string;
  pushQueue: string;
  messageId: string;
  alertId: string;
}

const needsPushQueue = (template: string) => /\/subscribers|\/webhook/.test(template);

export function wirePath(route: RouteTemplate, target: WireTarget): string {
  return fillPath(route.path, {
    project: target.projectId,
    queue: needsPushQueue(route.path) ? target.pushQueue : target.pullQueue,
    message: target.messageId,
    alert: target.alertId,
    subscriber: '0',
  });
}

/** A body the route would accept from its own project's token. */
export function validWireBody(route: RouteTemplate, target: WireTarget): unknown {
  const last = route.path.split('/').filter((part) => !part.startsWith('{')).at(-1);
  const isV1 = route.path.startsWith('/1/');
  if (route.path.endsWith('/queues/{queue}')) return isV1 ? { retries: 2 } : { queue: { message_timeout: 33 } };
  if (route.path.endsWith('/messages/{message}')) return {};
  switch (`${last} ${route.method}`) {
    case 'messages POST':
      return { messages: [{ body: 'intruder' }] };
    case 'messages DELETE':
      return isV1 ? { ids: [target.messageId] } : {};
    case 'reservations POST':
      return { n: 1 };
    case 'subscribers POST':
    case 'subscribers PUT':
      return { subscribers: [{ name: 'intruder', url: 'http://127.0.0.1:9/intruder' }] };
    case 'subscribers DELETE':
      return { subscribers: [{ name: 's1' }] };
    case 'alerts POST':
    case 'alerts PUT':
      return { alerts: [{ type: 'fixed', trigger: 7, direction: 'asc', queue: 'intruder-alerts' }] };
    default:
      return {};
  }
}

export type TokenCarrier = 'header' | 'query' | 'body';

/** One wire request with `token` carried the given way (§1.3). */
export function wireAttempt(baseUrl: string, route: RouteTemplate, target: WireTarget, token: string, via: TokenCarrier = 'header'): Promise<ApiResponse> {
  const path = wirePath(route, target);
  const body = { ...(validWireBody(route, target) as object), ...(via === 'body' ? { oauth: token } : {}) };
  const headers: Record<string, string> = { 'Content-Type': 'application/json' };
  if (via === 'header') headers.Authorization = `OAuth ${token}`;
  const url = via === 'query' ? `${path}?oauth=${encodeURIComponent(token)}` : path;
  const raw = route.path.endsWith('/webhook') ? Buffer.from(via === 'body' ? JSON.stringify(body) : 'intruder webhook') : Buffer.from(JSON.stringify(body));
  return sendRequest(baseUrl, route.method, url, headers, raw);
}

export const UNAUTHORIZED = { msg: 'Invalid project/token combination' };

/** True for exactly 401 {"msg": "Invalid project/token combination"} as JSON. */
export const isUnauthorized = (res: ApiResponse) =>
  res.status === 401 && res.headers['content-type'] === 'application/json' && JSON.stringify(res.body) === JSON.stringify(UNAUTHORIZED);

/** Real names and ids in one project, for filling BFF paths. */
export interface BffTarget {
  projectId: string;
  projectName: string;
  pullQueue: string;
  pushQueue: string;
  messageId: string;
  tokenId: string;
  userId: string;
}

export function bffPath(route: BffRouteTemplate, target: BffTarget): string {
  const queue = /subscribers|test-push|deliveries/.test(route.path) ? target.pushQueue : target.pullQueue;
  return fillPath(
    route.path,
    { projectId: target.projectId, queueName: queue, messageId: target.messageId, tokenId: target.tokenId, userId: target.userId },
    false,
    () => 'aaaaaaaaaaaaaaaaaaaaaaaa',
  );
}

/** A body the route would accept from a signed-in admin on a page of this server. */
export function validBffBody(route: BffRouteTemplate, target: BffTarget): unknown {
  const last = route.path.split('/').filter((part) => !part.startsWith('{')).at(-1);
  const isItem = route.path.endsWith('}');
  switch (`${last}${isItem ? '/item' : ''} ${route.method}`) {
    case 'projects POST':
      return { name: 'made by a forged request' };
    case 'projects/item PATCH':
      return { name: 'renamed by a forged request' };
    case 'projects/item DELETE':
      return { name: target.projectName };
    case 'tokens POST':
      return { name: 'forged token' };
    case 'users POST':
      return { email: 'forged-admin@example.test', password: 'a long enough password', isAdmin: true };
    case 'queues POST':
      return { name: 'forged-queue' };
    case 'queues/item PATCH':
      return { messageTimeoutMs: 31_000 };
    case 'queues/item DELETE':
    case 'messages DELETE':
      return { queue: target.pullQueue };
    case 'messages POST':
      return { messages: [{ body: 'forged' }] };
    case 'release POST':
      return { delayMs: 0 };
    case 'touch POST':
      return { timeoutMs: 5_000 };
    case 'subscribers POST':
      return { subscriber: { name: 'forged', url: 'http://127.0.0.1:9/forged' }, isNew: true };
    case 'subscribers DELETE':
    case 'test-push POST':
      return { subscriber: 's1' };
    default:
      return {};
  }
}

export const STATE_CHANGING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);

/** Median of some numbers. */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
}
