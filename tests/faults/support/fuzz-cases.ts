// The fuzzer's well-formed HTTP requests: a route of the wire API or the BFF (from the code's own
// route tables), then random methods, method overrides, path variations, query strings,
// credentials and bodies. The framing stays valid here; broken framing is in raw-abuse.ts.
import { bffShape, bodyFor, wireShape } from './fuzz-values';
import type { Prng } from './prng';
import { renderRequest } from './raw-http';
import { bffRoutes, fillPath, wireRoutes, type BffRouteTemplate, type RouteTemplate } from './routes';

export interface FuzzCase {
  kind: 'wire' | 'bff' | 'raw';
  /** What was sent, short, for a failure message and a replay. */
  label: string;
  bytes: Buffer;
  /** Well-formed requests must be answered; abuse may just be dropped. */
  needsAnswer: boolean;
  /** The wire API answers it, so every reply must follow §0.3–0.4 (JSON, errors as {"msg"}). */
  isWirePath: boolean;
  isHead: boolean;
  timeoutMs: number;
}

export interface FuzzContext {
  rng: Prng;
  projectId: string;
  token: string;
  /** Never sent with a token of its own: fuzzed requests name it only to be refused. */
  victimId: string;
  messageIds: string[];
  cookie: string;
  /** host:port, for Host and Origin. */
  host: string;
}

const WIRE_ROUTES: RouteTemplate[] = wireRoutes();
const BFF_ROUTES: BffRouteTemplate[] = bffRoutes();
export const routeCounts = () => ({ wire: WIRE_ROUTES.length, bff: BFF_ROUTES.length });

/** Methods llhttp parses (so the request reaches the server's handler) beyond the five the API uses. */
const ODD_METHODS = ['OPTIONS', 'HEAD', 'TRACE', 'PROPFIND', 'PURGE', 'SEARCH', 'REPORT', 'MKCOL', 'LOCK', 'COPY'];
const API_METHODS = ['GET', 'PUT', 'POST', 'PATCH', 'DELETE'];

/** Segments that URL parsers rewrite or that name nothing: dot segments, bad escapes, odd lengths. */
const TRICKY_SEGMENTS = ['.', '..', '%2e', '%2E%2e', '.%2e', '', '%', '%zz', '%2', '%ED%A0%80', '%C0%AF', '%00', '%FF', 'a%2Fb', '%2F', 'a;b', '~', '%20', '+'];

function segment(rng: Prng, known: string[]): string {
  const roll = rng.next();
  if (roll < 0.6 && known.length > 0) return encodeURIComponent(rng.pick(known));
  if (roll < 0.8) return rng.pick(TRICKY_SEGMENTS);
  return rng.pick([
    () => encodeURIComponent(`üñï ${rng.ascii(3)} 🚀`),
    // Three long segments and the long headers below stay under Node's 16 KiB head limit.
    () => 'x'.repeat(rng.pick([255, 256, 1_000, 3_000])),
    () => String(rng.int(0, 2 ** 31)),
    () => '9'.repeat(30),
    () => '-1',
    () => encodeURIComponent(rng.ascii(rng.int(1, 10))),
  ])();
}

function projectSegment(ctx: FuzzContext): string {
  const roll = ctx.rng.next();
  if (roll < 0.8) return ctx.projectId;
  if (roll < 0.87) return ctx.victimId;
  if (roll < 0.93) return Array.from({ length: 24 }, () => ctx.rng.pick([...'0123456789abcdef'])).join('');
  return ctx.rng.pick([ctx.projectId.toUpperCase(), `${ctx.projectId}0`, '', '%2e%2e', 'x']);
}

/** Path variations: trailing slashes, doubled slashes, dot segments, encoded slashes, case. */
function mutatePath(rng: Prng, path: string): string {
  const parts = path.split('/');
  const at = rng.int(2, Math.max(2, parts.length - 1));
  return rng.pick<() => string>([
    () => `${path}/`,
    () => `${path}//`,
    () => [...parts.slice(0, at), rng.pick(['.', '..', '%2e', '%2e%2e', '']), ...parts.slice(at)].join('/'),
    () => parts.slice(0, at).join('/') + '%2F' + parts.slice(at).join('/'),
    () => `${path}%`,
    () => `${path};param=1`,
    () => path.replace('/queues', '/QUEUES'),
    () => `/3/../${path.slice(1)}`,
  ])();
}

function queryString(rng: Prng, token: string): string {
  if (rng.chance(0.6)) return '';
  const keys = ['n', 'per_page', 'page', 'prefix', 'previous', 'wait', 'timeout', 'delete', 'reservation_id', 'subscriber_name', 'oauth', 'range', 'after', 'zzz'];
  const values = ['', '0', '1', '-1', '1.5', '1e3', '9'.repeat(20), 'true', 'x', '%', '%zz', '%ED%A0%80', encodeURIComponent('ü'), token];
  const pairs = Array.from({ length: rng.int(1, 4) }, () => {
    const key = rng.pick(keys);
    // A real wait holds a sequential fuzzer for 30 s; long polls are probe 7's business.
    const value = key === 'wait' ? rng.pick(['', '-1', 'x', '0', '1.5', '%']) : rng.pick(values);
    return rng.chance(0.1) ? key : `${key}=${value}`;
  });
  return `?${pairs.join('&')}`;
}

function authorization(ctx: FuzzContext): Array<[string, string]> {
  const { rng, token } = ctx;
  const roll = rng.next();
  if (roll < 0.72) return [['Authorization', `OAuth ${token}`]];
  return rng.pick<Array<[string, string]>>([
    [],
    [['Authorization', 'OAuth']],
    [['Authorization', `Bearer ${token}`]],
    [['Authorization', `oauth   ${token}   `]],
    [['Authorization', `OAuth ${token} extra`]],
    [['Authorization', `OAuth ${token}`], ['Authorization', 'OAuth wrong-token-000']],
    [['Authorization', 'OAuth wrong-token-000'], ['Authorization', `OAuth ${token}`]],
    [['Authorization', `OAuth ${'t'.repeat(2_000)}`]],
    [['Authorization', `OAuth ${token.slice(0, -1)}`]],
    [['Authorization', 'Basic dXNlcjpwYXNz']],
  ]);
}

function contentType(rng: Prng): Array<[string, string]> {
  return rng.pick<Array<[string, string]>>([
    [['Content-Type', 'application/json']],
    [['Content-Type', 'application/json']],
    [],
    [['Content-Type', 'text/plain']],
    [['Content-Type', 'application/json; charset=utf-16']],
    [['Content-Type', 'application/x-www-form-urlencoded']],
    [['Content-Type', 'application/json'], ['Content-Type', 'text/xml']],
  ]);
}

/** Method, possibly tunnelled: a POST with X-HTTP-Method-Override (§0.5). */
function methodFor(rng: Prng, own: string): { method: string; headers: Array<[string, string]> } {
  const roll = rng.next();
  if (roll < 0.7) return { method: own, headers: [] };
  if (roll < 0.8) return { method: rng.pick(API_METHODS), headers: [] };
  if (roll < 0.88) return { method: rng.pick(ODD_METHODS), headers: [] };
  const override = rng.pick([own, own.toLowerCase(), 'GET', 'DELETE', 'PATCH', 'PUT', 'FOO', '', 'DELETE, PUT']);
  return { method: 'POST', headers: [['X-HTTP-Method-Override', override]] };
}

/** Frames the body with a correct Content-Length, or now and then as valid chunks. */
function framed(rng: Prng, headers: Array<[string, string]>, body: Buffer | undefined): { headers: Array<[string, string]>; body?: Buffer } {
  if (body === undefined) return { headers: rng.chance(0.3) ? [...headers, ['Content-Length', '0']] : headers };
  if (rng.chance(0.1)) {
    const half = Math.floor(body.length / 2);
    const chunk = (part: Buffer) => (part.length ? Buffer.concat([Buffer.from(`${part.length.toString(16)}\r\n`), part, Buffer.from('\r\n')]) : Buffer.alloc(0));
    return { headers: [...headers, ['Transfer-Encoding', 'chunked']], body: Buffer.concat([chunk(body.subarray(0, half)), chunk(body.subarray(half)), Buffer.from('0\r\n\r\n')]) };
  }
  return { headers: [...headers, ['Content-Length', String(body.length)]], body };
}

export function wireCase(ctx: FuzzContext): FuzzCase {
  const { rng } = ctx;
  const route = rng.pick(WIRE_ROUTES);
  const path = fillPath(
    route.path,
    {
      project: projectSegment(ctx),
      queue: segment(rng, ['canary-pull', 'canary-settings', 'canary-push', 'missing-queue']),
      message: segment(rng, [...ctx.messageIds, 'webhook']),
      alert: segment(rng, ['aaaaaaaaaaaaaaaaaaaaaaaa']),
      subscriber: segment(rng, ['0', '1', 's1']),
    },
    true,
    () => segment(rng, ['aaaaaaaaaaaaaaaaaaaaaaaa', '1']),
  );
  const target = (rng.chance(0.3) ? mutatePath(rng, path) : path) + queryString(rng, ctx.token);
  const { method, headers: override } = methodFor(rng, route.method);
  const isWebhook = route.path.endsWith('/webhook');
  const body = isWebhook && rng.chance(0.5) ? rng.bytes(rng.int(0, 200)) : bodyFor(rng, wireShape(route.path, route.method), ctx.token);
  const extra: Array<[string, string]> = rng.chance(0.1) ? [rng.pick<[string, string]>([['Expect', '100-continue'], ['Accept-Encoding', 'gzip'], ['X-Long', 'v'.repeat(2_000)], ['Cookie', 'a=b']])] : [];
  const base: Array<[string, string]> = [['Host', ctx.host], ['Connection', 'close'], ...authorization(ctx), ...contentType(rng), ...override, ...extra];
  const framing = framed(rng, base, method === 'HEAD' ? undefined : body);
  return {
    kind: 'wire',
    label: `${method} ${target.slice(0, 200)} ${JSON.stringify(framing.headers.filter(([name]) => name !== 'Host').map(([n, v]) => `${n}: ${v.slice(0, 40)}`))} body ${framing.body?.subarray(0, 120).toString('latin1') ?? '(none)'}`,
    bytes: renderRequest(method, target, framing.headers, framing.body),
    needsAnswer: true,
    isWirePath: target.startsWith('/3/') || target.startsWith('/1/'),
    isHead: method === 'HEAD',
    timeoutMs: 10_000,
  };
}

const randomHex = (rng: Prng) => Array.from({ length: 24 }, () => rng.pick([...'0123456789abcdef'])).join('');

export function bffCase(ctx: FuzzContext): FuzzCase {
  const { rng } = ctx;
  const route = rng.pick(BFF_ROUTES);
  // The victim never appears here: the admin's session may legitimately change any project.
  const projectId = rng.chance(0.8) ? ctx.projectId : rng.pick([randomHex(rng), ctx.projectId.toUpperCase(), '%2e%2e', 'x']);
  const path = fillPath(
    route.path,
    {
      projectId,
      queueName: segment(rng, ['canary-pull', 'canary-settings', 'canary-push', 'missing-queue']),
      messageId: segment(rng, ctx.messageIds),
      tokenId: randomHex(rng),
      userId: randomHex(rng),
      nextauth: rng.pick(['session', 'csrf', 'providers', 'signin', 'signout', 'callback/credentials', 'error', 'signin/credentials', 'x', '_log']),
    },
    true,
    () => (rng.chance(0.5) ? randomHex(rng) : segment(rng, ['1'])),
  );
  const query = rng.chance(0.25) ? `?${rng.pick(['prefix=canary', 'after=%zz', 'range=1h', 'range=bogus', 'after=', 'prefix=%ED%A0%80'])}` : '';
  const target = (rng.chance(0.15) ? mutatePath(rng, path) : path) + query;
  const { method, headers: override } = methodFor(rng, route.method);
  const cookie = rng.chance(0.85) ? ctx.cookie : rng.pick(['next-auth.session-token=garbage', '', `${ctx.cookie}x`]);
  const origin = rng.chance(0.8) ? `http://${ctx.host}` : rng.pick(['http://evil.test', 'null', '', `https://${ctx.host}`]);
  const headers: Array<[string, string]> = [['Host', ctx.host], ['Connection', 'close'], ...override, ...contentType(rng)];
  if (cookie) headers.push(['Cookie', cookie]);
  if (origin) headers.push(['Origin', origin]);
  if (rng.chance(0.1)) headers.push(['X-Forwarded-Host', 'evil.test'], ['X-Forwarded-For', '203.0.113.9']);
  const body = bodyFor(rng, bffShape(route.path, route.method), ctx.token);
  const framing = framed(rng, headers, method === 'HEAD' ? undefined : body);
  return {
    kind: 'bff',
    label: `${method} ${target.slice(0, 200)} origin=${origin} cookie=${cookie === ctx.cookie ? 'admin' : cookie.slice(0, 30)} body ${framing.body?.subarray(0, 120).toString('latin1') ?? '(none)'}`,
    bytes: renderRequest(method, target, framing.headers, framing.body),
    needsAnswer: true,
    isWirePath: false,
    isHead: method === 'HEAD',
    timeoutMs: 15_000,
  };
}
