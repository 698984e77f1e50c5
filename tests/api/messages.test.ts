// Posting and reading messages (docs/api.md §3.1–3.6, §4.2): ids, bodies and size limit on post,
// delay, reserve and peek in FIFO order with their exact item shapes, get by id, and the
// `Queue not found` of every message call on a missing queue (§4.7).
import http from 'node:http';
import { describe, expect, it } from 'vitest';
import {
  ANY_TEXT,
  MESSAGE_ID,
  RESERVATION_ID,
  expectJson,
  expectMsg,
  sleep,
  uniqueQueueName,
  useApiServer,
  type V3Paths,
} from '../helpers/api';

const api = useApiServer();
const KIB = 1024;
const INT64_MAX = 2n ** 63n - 1n;

describe.concurrent('POST /queues/{q}/messages', () => {
  it('answers 201 with string ids and "Messages put on queue."', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'msg-post');
    const res = await api.postMessages(q, ['one']);
    expectJson(res, 201);
    expect(Object.keys(res.body).sort()).toEqual(['ids', 'msg']);
    expect(res.body.msg).toBe('Messages put on queue.');
    expect(res.body.ids).toHaveLength(1);
    expect(res.body.ids[0]).toMatch(MESSAGE_ID);
    expect(BigInt(res.body.ids[0]) <= INT64_MAX).toBe(true);
  });

  it('creates a missing queue as a pull queue with the defaults', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'msg-autocreate');
    await api.postOrThrow(q, ['first']);
    expect(await api.queueOrThrow(q)).toMatchObject({
      name: q,
      type: 'pull',
      size: 1,
      total_messages: 1,
      message_timeout: 60,
      message_expiration: 604800,
    });
  });

  it('takes 100 at once; ids are distinct, increasing and in request order', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'msg-hundred');
    const bodies = Array.from({ length: 100 }, (_, i) => `m-${i}`);
    const ids = await api.postOrThrow(q, bodies);
    expect(ids).toHaveLength(100);
    for (const id of ids) expect(id).toMatch(MESSAGE_ID);
    const [later] = await api.postOrThrow(q, ['later']);
    const numbers = [...ids, later].map(BigInt);
    for (let i = 1; i < numbers.length; i++) expect(numbers[i] > numbers[i - 1]).toBe(true);

    const reserved = await api.reserveOrThrow(q, { n: 100 });
    expect(reserved.map((m) => [m.id, m.body])).toEqual(ids.map((id, i) => [id, bodies[i]]));
  });

  it('keeps bodies exactly, including "" and non-ASCII', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'msg-bodies');
    const bodies = ['', 'plain', 'ünïcödé ✓ 🚀', '{"looks":"like json"}', 'line\nbreak\ttab', '  spaced  ', 'nul\u0000byte'];
    const ids = await api.postOrThrow(q, bodies);
    expect((await api.peekOrThrow(q, 10)).map((m) => m.body)).toEqual(bodies);
    for (const [i, id] of ids.entries()) {
      const res = await api.getMessage(q, id);
      expectJson(res, 200);
      expect(res.body.message.body).toBe(bodies[i]);
    }
  });

  it('reserves bodies exactly whether their post needed JSON escapes or not (the reply copies stored bytes of escape-free posts)', async ({
    onTestFinished,
  }) => {
    const q = api.tempQueue(onTestFinished, 'msg-escapes');
    // A post with no backslash in it: its chunks are kept as escape-free, and with 8 KiB among
    // them the reply copies their bytes (json-bytes.ts copies from 512 bytes a message on average).
    const free = ['', 'plain', 'ünïcödé ✓ 🚀', '\u2028 \u007f', 'x'.repeat(8 * KIB)];
    // Posts with one: bodies that need escapes, and bodies that do not but were written with them.
    const escaped = ['{"looks":"like json"}', 'line\nbreak\ttab', 'C:\\dir', 'nul\u0000byte'];
    await api.postOrThrow(q, free);
    await api.postOrThrow(q, escaped);
    const written = '{"messages":[{"body":"\\u0041"},{"body":"caf\\u00e9"}]}';
    expectJson(await api.request('POST', api.paths.messages(q), { raw: written, headers: { 'Content-Type': 'application/json' } }), 201);
    const reserved = await api.reserveOrThrow(q, { n: 100 });
    expect(reserved.map((m) => m.body)).toEqual([...free, ...escaped, 'A', 'café']);
    expect(reserved.every((m) => RESERVATION_ID.test(m.reservation_id) && m.reserved_count === 1)).toBe(true);
  });

  it('accepts a body of exactly 256 KiB counted in UTF-8 bytes, and refuses one byte more', async ({
    onTestFinished,
  }) => {
    const q = api.tempQueue(onTestFinished, 'msg-size');
    const ascii = 'x'.repeat(256 * KIB);
    const twoByte = 'é'.repeat(128 * KIB);
    const ids = await api.postOrThrow(q, [ascii, twoByte]);
    const stored = await api.getMessage(q, ids[1]);
    expectJson(stored, 200);
    expect(stored.body.message.body).toBe(twoByte);

    // 131,073 characters but 262,145 bytes: the limit is in bytes.
    expectMsg(await api.postMessages(q, [`${twoByte}x`]), 400, ANY_TEXT);
    expect(await api.queueOrThrow(q)).toMatchObject({ size: 2, total_messages: 2 });
  });

  it('delay hides a message until due, and it keeps its place in the queue', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'msg-delay');
    const [a, b, c] = await api.postOrThrow(q, [{ body: 'A', delay: 1 }, 'B', 'C']);
    expect((await api.peekOrThrow(q, 5)).map((m) => m.id)).toEqual([b, c]);
    expect(await api.sizeOrThrow(q)).toBe(3);
    expect((await api.reserveOrThrow(q, { n: 1 })).map((m) => m.id)).toEqual([b]);

    await sleep(1_500);
    expect((await api.peekOrThrow(q, 5)).map((m) => m.id)).toEqual([a, c]);
  });
});

describe.concurrent('POST /queues/{q}/reservations', () => {
  it('returns n messages in FIFO order with id, body, reserved_count and reservation_id', async ({
    onTestFinished,
  }) => {
    const q = api.tempQueue(onTestFinished, 'res-shape');
    const ids = await api.postOrThrow(q, ['a', 'b', 'c']);
    const reserved = await api.reserveOrThrow(q, { n: 2 });
    expect(reserved.map((m) => Object.keys(m).sort())).toEqual([
      ['body', 'id', 'reservation_id', 'reserved_count'],
      ['body', 'id', 'reservation_id', 'reserved_count'],
    ]);
    expect(reserved.map((m) => [m.id, m.body, m.reserved_count])).toEqual([
      [ids[0], 'a', 1],
      [ids[1], 'b', 1],
    ]);
    for (const m of reserved) expect(m.reservation_id).toMatch(RESERVATION_ID);
    expect(reserved[0].reservation_id).not.toBe(reserved[1].reservation_id);
    expect((await api.reserveOrThrow(q, { n: 2 })).map((m) => m.body)).toEqual(['c']);
  });

  it('defaults n to 1 and clamps n above 100; peek clamps too', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'res-clamp');
    const ids = await api.postOrThrow(q, Array.from({ length: 102 }, (_, i) => `m-${i}`));
    expect((await api.peekOrThrow(q, 150)).map((m) => m.id)).toEqual(ids.slice(0, 100));
    expect((await api.reserveOrThrow(q)).map((m) => m.id)).toEqual([ids[0]]);
    expect((await api.reserveOrThrow(q, { n: 1000 })).map((m) => m.id)).toEqual(ids.slice(1, 101));
  });

  it('answers {"messages": []} when nothing is available', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'res-empty');
    await api.createQueueOrThrow(q);
    expectJson(await api.reserve(q), 200, { messages: [] });
    await api.postOrThrow(q, ['only']);
    expect(await api.reserveOrThrow(q)).toHaveLength(1);
    expectJson(await api.reserve(q, { n: 5 }), 200, { messages: [] });
  });

  it('never hands the same message to concurrent reservers', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'res-race');
    const ids = await api.postOrThrow(q, Array.from({ length: 20 }, (_, i) => `m-${i}`));
    const batches = await Promise.all(Array.from({ length: 10 }, () => api.reserveOrThrow(q, { n: 2 })));
    const got = batches.flat().map((m) => m.id);
    expect(got).toHaveLength(20);
    expect(new Set(got)).toEqual(new Set(ids));
  });
});

describe('a long poll whose client hangs up', () => {
  it('stops waiting: a message posted afterwards stays available instead of going to the gone client', async ({
    onTestFinished,
  }) => {
    const q = api.tempQueue(onTestFinished, 'hang-up');
    await api.createQueueOrThrow(q);
    const { hostname, port } = new URL(api.server.url);
    const body = JSON.stringify({ n: 1, wait: 20 });
    const waiting = http.request({
      host: hostname,
      port,
      method: 'POST',
      path: api.paths.reservations(q),
      headers: { Authorization: `OAuth ${api.server.token}`, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) },
      agent: false,
    });
    waiting.on('error', () => {});
    waiting.end(body);
    await sleep(500);
    waiting.destroy();
    await sleep(300);

    const [id] = await api.postOrThrow(q, ['after the hang-up']);
    expect((await api.reserveOrThrow(q)).map((m) => m.id)).toEqual([id]);
  });
});

describe.concurrent('GET /queues/{q}/messages (peek)', () => {
  it('returns available messages in order without reserving them, without reservation_id', async ({
    onTestFinished,
  }) => {
    const q = api.tempQueue(onTestFinished, 'peek-basic');
    const ids = await api.postOrThrow(q, ['a', 'b', 'c']);
    expectJson(await api.peek(q), 200, { messages: [{ id: ids[0], body: 'a', reserved_count: 0 }] });
    expectJson(await api.peek(q, 3), 200, {
      messages: ids.map((id, i) => ({ id, body: 'abc'[i], reserved_count: 0 })),
    });
    const [first] = await api.reserveOrThrow(q);
    expect(first).toMatchObject({ id: ids[0], reserved_count: 1 });
  });

  it('skips reserved and delayed messages and shows reserved_count after a release', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'peek-skip');
    const [a, , c, d] = await api.postOrThrow(q, ['a', { body: 'b', delay: 600 }, 'c', 'd']);
    const [held] = await api.reserveOrThrow(q);
    expect(held.id).toBe(a);
    expect((await api.peekOrThrow(q, 10)).map((m) => m.id)).toEqual([c, d]);

    expectMsg(await api.release(q, a, { reservation_id: held.reservation_id }), 200, 'Released');
    expect(await api.peekOrThrow(q, 10)).toEqual([
      { id: a, body: 'a', reserved_count: 1 },
      { id: c, body: 'c', reserved_count: 0 },
      { id: d, body: 'd', reserved_count: 0 },
    ]);
  });
});

describe.concurrent('GET /queues/{q}/messages/{mid}', () => {
  it('returns id, body and reserved_count only, and reserves nothing', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'get-basic');
    const [id] = await api.postOrThrow(q, ['a']);
    expectJson(await api.getMessage(q, id), 200, { message: { id, body: 'a', reserved_count: 0 } });
    const [reserved] = await api.reserveOrThrow(q);
    expect(reserved).toMatchObject({ id, reserved_count: 1 });
    expectJson(await api.getMessage(q, id), 200, { message: { id, body: 'a', reserved_count: 1 } });
    expect(await api.reserveOrThrow(q)).toEqual([]);
  });

  it('is 404 Message not found for deleted ids and ids of another queue', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'get-missing');
    const other = api.tempQueue(onTestFinished, 'get-missing-other');
    const [gone, kept] = await api.postOrThrow(q, ['gone', 'kept']);
    const [foreign] = await api.postOrThrow(other, ['foreign']);
    expectMsg(await api.deleteMessage(q, gone), 200, 'Deleted');
    expectMsg(await api.getMessage(q, gone), 404, 'Message not found');
    expectMsg(await api.getMessage(q, foreign), 404, 'Message not found');
    expectJson(await api.getMessage(q, kept), 200);
  });
});

const ON_MISSING_QUEUE: { name: string; method: string; path: (p: V3Paths, q: string, mid: string) => string; json?: unknown }[] = [
  { name: 'reserve', method: 'POST', path: (p, q) => p.reservations(q), json: {} },
  { name: 'long-poll reserve', method: 'POST', path: (p, q) => p.reservations(q), json: { wait: 1 } },
  { name: 'peek', method: 'GET', path: (p, q) => p.messages(q, { n: 1 }) },
  { name: 'get', method: 'GET', path: (p, q, mid) => p.message(q, mid) },
  { name: 'delete one', method: 'DELETE', path: (p, q, mid) => p.message(q, mid) },
  { name: 'batch delete', method: 'DELETE', path: (p, q) => p.messages(q), json: { ids: [] } },
  { name: 'clear', method: 'DELETE', path: (p, q) => p.messages(q), json: {} },
  { name: 'touch', method: 'POST', path: (p, q, mid) => p.touch(q, mid), json: { reservation_id: 'a'.repeat(32) } },
  { name: 'release', method: 'POST', path: (p, q, mid) => p.release(q, mid), json: { reservation_id: 'a'.repeat(32) } },
];

describe.concurrent('on a missing queue only post creates; everything else is 404 Queue not found', () => {
  it.for(ON_MISSING_QUEUE)('$name', async ({ method, path, json }, { onTestFinished }) => {
    // A real message id (of another queue), so the queue check is what fails.
    const holder = api.tempQueue(onTestFinished, 'missing-holder');
    const [mid] = await api.postOrThrow(holder, ['x']);
    const q = uniqueQueueName('missing');
    onTestFinished(() => api.dropQueue(q));
    expectMsg(await api.request(method, path(api.paths, q, mid), { json }), 404, 'Queue not found');
    expectMsg(await api.getQueue(q), 404, 'Queue not found');
  });
});
