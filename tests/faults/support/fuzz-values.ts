// What the fuzzer puts in bodies: the known fields of each route (docs/api.md §2–§5 for the
// wire API, lib/bff/*.ts for the BFF) and, for every field, values of every wrong type as well as
// right ones, so requests get past the type checks into the engine's own rules.
import type { Prng } from './prng';

/** A field's shape: a scalar kind, an object of fields, or a list of one shape. */
export type Shape = 'int' | 'string' | 'bool' | 'url' | 'type' | 'direction' | 'any' | { [key: string]: Shape } | [Shape];

const subscriber: Shape = { name: 'string', url: 'url', headers: { 'X-Key': 'string', Host: 'string' } };
const alert: Shape = { type: 'type', trigger: 'int', direction: 'direction', queue: 'string', snooze: 'int', id: 'string' };
const messageRef: Shape = { id: 'string', reservation_id: 'string' };

/** Wire bodies by the last literal segment of the route and its method. */
const WIRE_SHAPES: Record<string, Shape> = {
  'queue PUT': { queue: { type: 'type', message_timeout: 'int', message_expiration: 'int', push: { subscribers: [subscriber], retries: 'int', retries_delay: 'int', error_queue: 'string' }, alerts: [alert], dead_letter: { queue_name: 'string', max_reservations: 'int' } } },
  'queue v1': { push_type: 'type', subscribers: [subscriber], retries: 'int', retries_delay: 'int', error_queue: 'string', alerts: [alert] },
  'messages POST': { messages: [{ body: 'string', delay: 'int', push_headers: { 'X-A': 'string' }, timeout: 'int', expires_in: 'int' }] },
  'messages DELETE': { ids: [messageRef] },
  'messages GET': { n: 'int', timeout: 'int', wait: 'int', delete: 'bool' },
  'reservations POST': { n: 'int', timeout: 'int', wait: 'int', delete: 'bool' },
  'message DELETE': { reservation_id: 'string', subscriber_name: 'string' },
  'touch POST': { reservation_id: 'string', timeout: 'int' },
  'release POST': { reservation_id: 'string', delay: 'int' },
  subscribers: { subscribers: [subscriber] },
  alerts: { alerts: [alert] },
};

/** The body shape for a wire route template and method. */
export function wireShape(template: string, method: string): Shape {
  const isV1 = template.startsWith('/1/');
  const last = template.split('/').filter((part) => !part.startsWith('{')).at(-1) ?? '';
  if (template.endsWith('/queues/{queue}')) return isV1 ? WIRE_SHAPES['queue v1'] : WIRE_SHAPES['queue PUT'];
  if (template.endsWith('/messages/{message}')) return method === 'DELETE' ? WIRE_SHAPES['message DELETE'] : {};
  return WIRE_SHAPES[`${last} ${method}`] ?? WIRE_SHAPES[last] ?? {};
}

/** BFF bodies by the route's last segment (lib/bff/queue-input.ts, app/api/**). */
export function bffShape(template: string, method: string): Shape {
  const last = template.split('/').filter((part) => !part.startsWith('{')).at(-1) ?? '';
  const queueSettings: Shape = { type: 'type', messageTimeoutMs: 'int', messageExpirationMs: 'int', deadLetter: { queueName: 'string', maxReservations: 'int' }, subscriberUrls: ['url'] };
  if (last === 'queues' && template.endsWith('{queueName}')) return method === 'DELETE' ? { queue: 'string' } : queueSettings;
  if (last === 'queues') return { name: 'string', ...queueSettings };
  if (last === 'messages' && template.endsWith('{messageId}')) return {};
  if (last === 'messages') return method === 'DELETE' ? { queue: 'string' } : { messages: [{ body: 'string', delayMs: 'int' }] };
  if (last === 'release') return { delayMs: 'int' };
  if (last === 'touch') return { timeoutMs: 'int' };
  if (last === 'users') return { email: 'string', password: 'string', isAdmin: 'bool' };
  if (last === 'projects' || last === 'tokens') return { name: 'string' };
  if (last === 'auth') return { csrfToken: 'string', email: 'string', password: 'string', json: 'string' };
  // Routes this table does not know yet get the BFF's common field names, each as any type.
  return { name: 'string', subscriber: rngSubscriberShape, body: 'string', isNew: 'bool', queue: 'string', alerts: [alert], ids: ['string'] };
}

const rngSubscriberShape: Shape = { name: 'string', url: 'url', headers: { 'X-Key': 'string' } };

/** A JSON text nested `depth` levels deep. */
export const deeplyNested = (depth: number) => `${'{"a":['.repeat(depth)}1${']}'.repeat(depth)}`;

/** Values of every JSON type, including the edges: huge, negative, fractional, lone surrogates. */
function wrongValue(rng: Prng): unknown {
  return rng.pick<() => unknown>([
    () => null,
    () => rng.chance(0.5),
    () => rng.pick([0, -1, 1, -0, 1.5, 1e-7, 1e308, -1e308, 2 ** 53, 2 ** 53 + 2, 2 ** 64, -(2 ** 63), 86_401, 2_592_001, 604_801]),
    () => rng.pick(['', 'x', '1', '-1', '1e3', 'NaN', 'true', 'null', 'ü🚀', '\ud800', 'a\udc00b', '\u0000', 'a'.repeat(300), '%2e%2e', '../..']),
    () => [],
    () => [rng.int(-5, 5), 'x', null],
    () => ({}),
    () => ({ nested: { deeper: [1, { deepest: '\ud800' }] } }),
  ])();
}

/** A value a correct request could send for the scalar kind; `wait` never holds the fuzzer long. */
function rightScalar(rng: Prng, kind: string, key: string): unknown {
  switch (kind) {
    case 'int':
      return key === 'wait' ? rng.pick([0, 1]) : rng.pick([0, 1, 2, 5, 30, 60, 100, 1000, 86_400, 604_800]);
    case 'bool':
      return rng.chance(0.5);
    case 'url':
      // Loopback only: whether other addresses are ever dialled is probe 6's question, asked with a guard.
      return rng.pick(['http://127.0.0.1:9/hook', 'ironmq:///canary-pull', 'ironmq:///elsewhere', 'https://127.0.0.1:9/', 'ftp://x', 'not a url', 'http://[::1]:9/']);
    case 'type':
      return rng.pick(['pull', 'multicast', 'unicast', 'fixed', 'progressive', 'PULL', 'bogus']);
    case 'direction':
      return rng.pick(['asc', 'desc', 'up']);
    default:
      return rng.pick(['x', 'canary-pull', 'canary-settings', 'hello world', 'ü', rng.ascii(rng.int(0, 12))]);
  }
}

/** A value for `shape`: mostly right, with wrong types mixed in at every level. */
export function valueFor(rng: Prng, shape: Shape, key = '', depth = 0): unknown {
  if (depth > 0 && rng.chance(0.25)) return wrongValue(rng);
  if (typeof shape === 'string') return rightScalar(rng, shape, key);
  if (Array.isArray(shape)) {
    return Array.from({ length: rng.pick([0, 1, 1, 2, 3]) }, () => (rng.chance(0.15) ? rng.ascii(4) : valueFor(rng, shape[0], key, depth + 1)));
  }
  const object: Record<string, unknown> = {};
  for (const [name, inner] of Object.entries(shape)) {
    if (rng.chance(0.6)) object[name] = valueFor(rng, inner, name, depth + 1);
  }
  if (rng.chance(0.1)) object.unknown_key = wrongValue(rng);
  return object;
}

/** Raw body bytes for a route shape: valid-looking JSON, malformed JSON, bad encodings, or nothing. */
export function bodyFor(rng: Prng, shape: Shape, token: string): Buffer | undefined {
  const json = () => {
    const value = valueFor(rng, shape) as Record<string, unknown>;
    if (rng.chance(0.1)) value.oauth = rng.pick([token, '', 'wrong-token-0000', 42]);
    return JSON.stringify(value);
  };
  return rng.pick<() => Buffer | undefined>([
    () => undefined,
    () => Buffer.from(json()),
    () => Buffer.from(json()),
    () => Buffer.from(json()),
    () => Buffer.from(rng.pick(['', ' ', '\n\t ', '{', '{"a":}', '[1,2', 'nul', '{}x', '\ufeff{}', '{"messages":[{"body":"x"}]', "{'a':1}", '{"a":1,}', 'NaN'])),
    () => Buffer.from(rng.pick(['[]', '"text"', '1', 'null', 'true', '[{"body":"x"}]'])),
    () => Buffer.from(deeplyNested(rng.pick([100, 5_000, 20_000]))),
    () => Buffer.concat([Buffer.from('{"messages":[{"body":"'), rng.pick([Buffer.from([0xff]), Buffer.from([0xc0, 0xaf]), Buffer.from([0xed, 0xa0, 0x80]), Buffer.from([0xe2, 0x82])]), Buffer.from('"}]}')]),
    () => Buffer.from(rng.pick(['{"messages":[{"body":"\\ud800"}]}', '{"queue":{"push":{"subscribers":[{"name":"\\udfff","url":"http://127.0.0.1:9/"}]}}}', '{"name":"a\\ud800"}'])),
    () => Buffer.from(JSON.stringify({ messages: Array.from({ length: rng.pick([100, 1001]) }, (_, i) => ({ body: `m${i}` })) })),
    () => Buffer.from(JSON.stringify({ messages: [{ body: 'x'.repeat(rng.pick([262_144, 262_145])) }] })),
    () => rng.bytes(rng.int(1, 64)),
  ])();
}
