// Bad requests (docs/api.md §1.4, §1.5, §1.7, §1.8): one table of malformed JSON, wrong types,
// out-of-range values, unknown routes and wrong verbs, each answered with its status and a
// `{"msg"}` body and each leaving the queue exactly as it was; then odd inputs that must all be
// 4xx, never a 5xx.
import { describe, expect, it, onTestFinished } from 'vitest';
import {
  ANY_TEXT,
  expectJson,
  expectMsg,
  sendRawHttp,
  uniqueQueueName,
  useApiServer,
  v3Paths,
  type V3Paths,
} from '../helpers/api';

const api = useApiServer();
const KIB = 1024;
const JSON_TYPE = { 'Content-Type': 'application/json' };

type PathOf = (p: V3Paths, q: string, mid: string) => string;

interface BadRequest {
  name: string;
  method: string;
  path: PathOf;
  /** JSON body, or a function of the queue name that returns it. */
  json?: unknown;
  /** Raw body bytes, sent as application/json. */
  raw?: string | Buffer;
  status: number;
  msg: string | RegExp;
  /** The request names a queue that does not exist, and must not create it. */
  isMissingQueue?: boolean;
}

const messages = (...items: unknown[]) => ({ messages: items });
const many = (n: number) => Array.from({ length: n }, (_, i) => ({ body: `m-${i}` }));
const dlq = (q: string) => `${q}-dlq`;

const onMessages: PathOf = (p, q) => p.messages(q);
const onQueue: PathOf = (p, q) => p.queue(q);
const onReserve: PathOf = (p, q) => p.reservations(q);
const onMessage: PathOf = (p, q, mid) => p.message(q, mid);

const post = (name: string, json: unknown, extra: Partial<BadRequest> = {}): BadRequest => ({
  name: `post: ${name}`, method: 'POST', path: onMessages, json, status: 400, msg: ANY_TEXT, ...extra,
});
const reserve = (name: string, json: unknown): BadRequest => ({
  name: `reserve: ${name}`, method: 'POST', path: onReserve, json, status: 400, msg: ANY_TEXT,
});
const batch = (name: string, json: unknown): BadRequest => ({
  name: `batch delete: ${name}`, method: 'DELETE', path: onMessages, json, status: 400, msg: ANY_TEXT,
});
const settings = (method: 'PUT' | 'PATCH', name: string, queue: unknown, extra: Partial<BadRequest> = {}): BadRequest => ({
  name: `${method} queue: ${name}`,
  method,
  path: onQueue,
  json: typeof queue === 'function' ? (q: string) => ({ queue: queue(q) }) : { queue },
  status: 400,
  msg: ANY_TEXT,
  ...extra,
});
const malformed = (name: string, method: string, path: PathOf, raw: string, isMissingQueue = false): BadRequest => ({
  name: `malformed JSON: ${name}`, method, path, raw, status: 400, msg: /json/i, isMissingQueue,
});
/** A path as the test name shows it, relative to the project. */
const NAME_PATHS = v3Paths('{pid}');
const shown = (path: PathOf) => path(NAME_PATHS, '{q}', '{mid}').replace(NAME_PATHS.project, '');

const unknownRoute = (method: string, path: PathOf): BadRequest => ({
  name: `unknown route: ${method} ${shown(path)}`,
  method, path, json: {}, status: 404, msg: 'Not found',
});
const wrongVerb = (method: string, path: PathOf): BadRequest => ({
  name: `wrong verb: ${method} ${shown(path)}`,
  method, path, json: {}, status: 405, msg: 'Method not allowed',
});

const BAD_REQUESTS: BadRequest[] = [
  malformed('post', 'POST', onMessages, '{"messages": ['),
  malformed('post to a missing queue', 'POST', onMessages, "{'messages': [{'body': 'x'}]}", true),
  malformed('create a missing queue', 'PUT', onQueue, '{"queue":', true),
  malformed('update', 'PATCH', onQueue, 'queue[message_timeout]=5'),
  malformed('reserve', 'POST', onReserve, '{"n": 1,}'),
  malformed('batch delete (must not clear)', 'DELETE', onMessages, '{"ids": ['),
  malformed('delete one', 'DELETE', onMessage, '{"reservation_id": '),
  post('empty body', undefined, { raw: '' }),
  post('no messages key', {}),
  post('messages not an array', { messages: { body: 'x' } }),
  post('messages empty', messages()),
  post('body missing', messages({})),
  post('body a number', messages({ body: 5 })),
  post('body null', messages({ body: null })),
  post('body an object', messages({ body: { text: 'x' } })),
  post('delay negative', messages({ body: 'x', delay: -1 })),
  post('delay over 7 days', messages({ body: 'x', delay: 604801 })),
  post('delay a string', messages({ body: 'x', delay: '10' })),
  post('one bad message among good ones', messages({ body: 'ok' }, { body: 7 }, { body: 'ok' })),
  // JSON can spell a lone surrogate, UTF-8 cannot store one: refused, in either case of the escape.
  post('a body with a lone surrogate', undefined, { raw: '{"messages":[{"body":"ok"},{"body":"x\\uDFFF"}]}', msg: 'Invalid Unicode (a lone surrogate) in messages[1].body' }),
  post('a push header with a lone surrogate', undefined, { raw: '{"messages":[{"body":"ok","push_headers":{"X-A":"\\ud800"}}]}', msg: /lone surrogate/ }),
  post('more messages than the cap (1001)', { messages: many(1001) }),
  post('body over 256 KiB', messages({ body: 'x'.repeat(256 * KIB + 1) })),
  post('body over 256 KiB to a missing queue', messages({ body: 'x'.repeat(256 * KIB + 1) }), { isMissingQueue: true }),
  reserve('n a string', { n: '2' }),
  reserve('timeout over 1 day', { timeout: 86401 }),
  reserve('timeout negative', { timeout: -1 }),
  reserve('timeout a string', { timeout: '60' }),
  reserve('wait a string', { wait: '1' }),
  reserve('delete not a boolean', { delete: 'yes' }),
  batch('ids not an array', { ids: 'x' }),
  batch('ids a number', { ids: [123] }),
  batch('over 100 ids', { ids: Array.from({ length: 101 }, (_, i) => String(i + 1)) }),
  settings('PUT', 'queue not an object', 'pull'),
  settings('PUT', 'message_timeout negative', { message_timeout: -1 }),
  settings('PATCH', 'message_timeout over 1 day', { message_timeout: 86401 }),
  settings('PATCH', 'message_timeout a string', { message_timeout: '60' }),
  settings('PUT', 'message_expiration over 30 days', { message_expiration: 2592001 }, { isMissingQueue: true }),
  settings('PATCH', 'message_expiration negative', { message_expiration: -1 }),
  settings('PATCH', 'message_expiration a string', { message_expiration: '3600' }),
  settings('PATCH', 'dead_letter not an object', { dead_letter: 'dlq' }),
  settings('PATCH', 'dead_letter without queue_name', { dead_letter: { max_reservations: 3 } }),
  settings('PATCH', 'dead_letter.queue_name not a string', { dead_letter: { queue_name: 5 } }),
  // json as a function fills in the queue's own DLQ name, which must not be created either.
  settings('PUT', 'max_reservations over 1000', (q: string) => ({ dead_letter: { queue_name: dlq(q), max_reservations: 1001 } })),
  settings('PATCH', 'max_reservations negative', (q: string) => ({ dead_letter: { queue_name: dlq(q), max_reservations: -1 } })),
  settings('PATCH', 'max_reservations a string', (q: string) => ({ dead_letter: { queue_name: dlq(q), max_reservations: '5' } })),
  unknownRoute('GET', (p) => `${p.project}/no-such-resource`),
  unknownRoute('GET', () => '/3/no-such-resource'),
  unknownRoute('POST', (p, q) => `${p.queue(q)}/no-such-resource`),
  unknownRoute('GET', (p, q, mid) => `${p.message(q, mid)}/no-such-resource`),
  unknownRoute('POST', (p, q, mid) => `${p.touch(q, mid)}/deeper/still`),
  wrongVerb('PUT', (p) => p.queues()),
  wrongVerb('DELETE', (p) => p.queues()),
  wrongVerb('PUT', onMessages),
  wrongVerb('PATCH', onMessages),
  wrongVerb('GET', onReserve),
  wrongVerb('DELETE', onReserve),
  wrongVerb('PUT', onMessage),
  wrongVerb('PATCH', onMessage),
  wrongVerb('GET', (p, q, mid) => p.touch(q, mid)),
  wrongVerb('DELETE', (p, q, mid) => p.release(q, mid)),
];

describe('bad requests change nothing', () => {
  // Titles go through %s so vitest does not cut long names short.
  it.each(BAD_REQUESTS.map((row) => [`${row.name} → ${row.status}`, row] as const))('%s', async (_, row) => {
    const q = uniqueQueueName('bad');
    onTestFinished(() => api.dropQueue(q));
    onTestFinished(() => api.dropQueue(dlq(q)));
    const [mid] = row.isMissingQueue ? ['1'] : await api.postOrThrow(q, ['kept']);

    const body = typeof row.json === 'function' ? row.json(q) : row.json;
    const res =
      row.raw !== undefined
        ? await api.request(row.method, row.path(api.paths, q, mid), { raw: row.raw, headers: JSON_TYPE })
        : await api.request(row.method, row.path(api.paths, q, mid), { json: body });
    expectMsg(res, row.status, row.msg);

    if (row.isMissingQueue) return expectMsg(await api.getQueue(q), 404, 'Queue not found');
    const info = await api.queueOrThrow(q);
    expect(info).toMatchObject({ size: 1, total_messages: 1, message_timeout: 60, message_expiration: 604800 });
    expect(info).not.toHaveProperty('dead_letter');
    expect(await api.peekOrThrow(q, 10)).toEqual([{ id: mid, body: 'kept', reserved_count: 0 }]);
    expectMsg(await api.getQueue(dlq(q)), 404, 'Queue not found');
  });
});

interface OddInput {
  name: string;
  method: string;
  path: PathOf;
  /** Sent as application/json when present. */
  raw?: string | Buffer;
}

const bytes = (...parts: (string | number[])[]) => Buffer.concat(parts.map((part) => Buffer.from(part)));
const odd = (name: string, method: string, path: PathOf, raw?: string | Buffer): OddInput => ({ name, method, path, raw });
const onProjectQueue = (segment: string): PathOf => (p) => `${p.project}/queues/${segment}`;
const onMessageId = (segment: string): PathOf => (p, q) => `${p.queue(q)}/messages/${segment}`;

const ODD_INPUTS: OddInput[] = [
  odd('non-UTF-8 bytes', 'POST', onMessages, Buffer.from([0xff, 0xfe, 0xfd, 0x00, 0x80])),
  odd('invalid UTF-8 inside a JSON string', 'POST', onMessages, bytes('{"messages":[{"body":"', [0xc3, 0x28], '"}]}')),
  odd('UTF-16 with a byte-order mark', 'POST', onMessages, Buffer.from('\ufeff{"messages":[{"body":"x"}]}', 'utf16le')),
  odd('JSON null to post', 'POST', onMessages, 'null'),
  odd('JSON null to reserve', 'POST', onReserve, 'null'),
  odd('JSON null to create a queue', 'PUT', onQueue, 'null'),
  odd('an array to post', 'POST', onMessages, '[{"body":"x"}]'),
  odd('an array to reserve', 'POST', onReserve, '[]'),
  odd('an array to update a queue', 'PATCH', onQueue, '[{"queue":{}}]'),
  odd('an array to batch delete', 'DELETE', onMessages, '[]'),
  odd('a string to post', 'POST', onMessages, '"messages"'),
  odd('a number to reserve', 'POST', onReserve, '42'),
  odd('a huge delay', 'POST', onMessages, '{"messages":[{"body":"x","delay":1e400}]}'),
  odd('a huge reserve timeout', 'POST', onReserve, '{"timeout":1e400}'),
  odd('a 30-digit message_timeout', 'PATCH', onQueue, '{"queue":{"message_timeout":123456789012345678901234567890}}'),
  odd('a string delay', 'POST', onMessages, '{"messages":[{"body":"x","delay":"0"}]}'),
  odd('a boolean n', 'POST', onReserve, '{"n":true}'),
  odd('a string message_expiration', 'PATCH', onQueue, '{"queue":{"message_expiration":"3600"}}'),
  odd('messages nested in arrays', 'POST', onMessages, '{"messages":[[{"body":"x"}]]}'),
  odd('a body nested in an array', 'POST', onMessages, '{"messages":[{"body":["x"]}]}'),
  odd('a dead_letter of nested arrays', 'PATCH', onQueue, '{"queue":{"dead_letter":[[{}]]}}'),
  odd('an id object inside an id', 'DELETE', onMessages, '{"ids":[{"id":{"id":"1"}}]}'),
  odd('null inside ids', 'DELETE', onMessages, '{"ids":[null]}'),
  odd('100,000 nested arrays', 'POST', onMessages, `{"messages":${'['.repeat(100_000)}${']'.repeat(100_000)}}`),
  odd('50,000 nested objects', 'POST', onMessages, `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`),
  odd('a truncated percent-escape in a queue name', 'GET', onProjectQueue('%E0%A4%A')),
  odd('a lone % in a queue name', 'GET', onProjectQueue('abc%')),
  odd('a non-hex percent-escape in a queue name', 'GET', onProjectQueue('%zz')),
  odd('an escaped invalid UTF-8 byte in a queue name', 'PUT', onProjectQueue('%FF')),
  odd('an escaped overlong UTF-8 slash in a queue name', 'PUT', onProjectQueue('%C0%AF')),
  odd('a truncated percent-escape in a message id', 'GET', onMessageId('%E0%A4%A')),
  odd('a truncated percent-escape in the project id', 'GET', (p) => p.queues().replace(/projects\/[^/]+/, 'projects/%E0%A4%A')),
  odd('a message id with letters', 'GET', onMessageId('abc')),
  odd('a negative message id', 'DELETE', onMessageId('-1')),
  odd('a fractional message id', 'GET', onMessageId('1.5')),
  odd('a message id beyond int64', 'GET', onMessageId('99999999999999999999999999')),
  odd('a hexadecimal message id', 'POST', (p, q) => `${p.queue(q)}/messages/0x1F/touch`, '{}'),
];

describe('odd inputs get a 4xx, never a 5xx', () => {
  it.each(ODD_INPUTS.map((row) => [row.name, row] as const))('%s', async (_, row) => {
    const q = uniqueQueueName('odd');
    onTestFinished(() => api.dropQueue(q));
    const [mid] = await api.postOrThrow(q, ['kept']);
    const options = row.raw === undefined ? {} : { raw: row.raw, headers: JSON_TYPE };
    const res = await api.request(row.method, row.path(api.paths, q, mid), options);
    expect(res.status, res.text).toBeGreaterThanOrEqual(400);
    expect(res.status, res.text).toBeLessThan(500);
    expectJson(res, res.status);
    expect(res.body.msg).toMatch(ANY_TEXT);
  });

  it('a Content-Length far beyond any limit is refused without waiting for the body', async () => {
    const q = uniqueQueueName('odd-length');
    onTestFinished(() => api.dropQueue(q));
    const head = [
      `POST ${api.paths.messages(q)} HTTP/1.1`,
      'Host: 127.0.0.1',
      `Authorization: OAuth ${api.server.token}`,
      'Content-Type: application/json',
      'Content-Length: 1000000000000',
      '',
      '',
    ].join('\r\n');
    const res = await sendRawHttp(api.server.url, `${head}{"messages":[{"body":"`, 5_000);
    expect(res.status, res.text).toBeGreaterThanOrEqual(400);
    expect(res.status, res.text).toBeLessThan(500);
    expect(res.headers['content-type']).toBe('application/json');
    expect(JSON.parse(res.text).msg).toMatch(ANY_TEXT);
    expectMsg(await api.getQueue(q), 404, 'Queue not found');
  });
});
