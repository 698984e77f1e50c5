// URLs of the BFF (app/api/**) and of the HUD's pages, built in one place so a queue name with
// slashes, spaces, percent signs or only dots is encoded exactly once (queue-name-segment.ts).
import { queueNameToSegment } from './queue-name-segment';
import type { HistoryRange } from './types';

const segment = encodeURIComponent;

function withQuery(path: string, query: Record<string, string | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) if (value) search.set(key, value);
  const text = search.toString();
  return text ? `${path}?${text}` : path;
}

export const apiPaths = {
  projects: () => '/api/projects',
  project: (projectId: string) => `/api/projects/${segment(projectId)}`,
  users: () => '/api/users',
  server: () => '/api/server',
  member: (projectId: string, userId: string) => `/api/projects/${segment(projectId)}/members/${segment(userId)}`,
  tokens: (projectId: string) => `/api/projects/${segment(projectId)}/tokens`,
  token: (projectId: string, tokenId: string) => `/api/projects/${segment(projectId)}/tokens/${segment(tokenId)}`,
  queues: (projectId: string, query: { prefix?: string; after?: string } = {}) =>
    withQuery(`/api/projects/${segment(projectId)}/queues`, query),
  queue: (projectId: string, queueName: string) => `/api/projects/${segment(projectId)}/queues/${queueNameToSegment(queueName)}`,
  queueHistory: (projectId: string, queueName: string, range: HistoryRange) =>
    withQuery(`${apiPaths.queue(projectId, queueName)}/stats`, { range }),
  queueSparklines: (projectId: string, query: { prefix?: string; after?: string } = {}) =>
    withQuery(`/api/projects/${segment(projectId)}/queue-sparklines`, query),
  messages: (projectId: string, queueName: string, query: { after?: string } = {}) =>
    withQuery(`${apiPaths.queue(projectId, queueName)}/messages`, query),
  reservations: (projectId: string, queueName: string) => `${apiPaths.queue(projectId, queueName)}/reservations`,
  message: (projectId: string, queueName: string, messageId: string) =>
    `${apiPaths.queue(projectId, queueName)}/messages/${segment(messageId)}`,
  subscribers: (projectId: string, queueName: string) => `${apiPaths.queue(projectId, queueName)}/subscribers`,
  testPush: (projectId: string, queueName: string) => `${apiPaths.queue(projectId, queueName)}/test-push`,
  deliveries: (projectId: string, queueName: string, query: DeliveryFilter & { after?: string; message?: string } = {}) =>
    withQuery(`${apiPaths.queue(projectId, queueName)}/deliveries`, { ...query }),
  alerts: (projectId: string, queueName: string) => `${apiPaths.queue(projectId, queueName)}/alerts`,
  alert: (projectId: string, queueName: string, alertId: string) => `${apiPaths.alerts(projectId, queueName)}/${segment(alertId)}`,
  alertMessages: (projectId: string, queueName: string) => `${apiPaths.queue(projectId, queueName)}/alert-messages`,
  redrives: (projectId: string, queueName: string) => `${apiPaths.queue(projectId, queueName)}/redrives`,
  redrive: (projectId: string, queueName: string, redriveId: string) => `${apiPaths.redrives(projectId, queueName)}/${segment(redriveId)}`,
};

/** The delivery log's filters, as the URL carries them. */
export interface DeliveryFilter {
  subscriber?: string;
  status?: string;
}

export type QueueTab = 'overview' | 'messages' | 'deliveries' | 'subscribers' | 'alerts' | 'redrive' | 'settings';

/** Everything a queue page keeps in its URL: the tab and each tab's own view. */
export interface QueuePageQuery extends DeliveryFilter {
  tab?: QueueTab;
  range?: HistoryRange;
  after?: string;
  message?: string;
  /** The redrive job in focus. */
  job?: string;
}

export const pagePaths = {
  projects: () => '/projects',
  users: () => '/users',
  server: () => '/server',
  tokens: (projectId: string) => `/projects/${segment(projectId)}/tokens`,
  queues: (projectId: string, query: { prefix?: string; after?: string; create?: '1' } = {}) =>
    withQuery(`/projects/${segment(projectId)}/queues`, query),
  queue: (projectId: string, queueName: string, query: QueuePageQuery = {}) =>
    withQuery(`/projects/${segment(projectId)}/queues/${queueNameToSegment(queueName)}`, { ...query }),
};
