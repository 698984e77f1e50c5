// v1 messages over raw HTTP (docs/api.md §5.1, §5.3, §4.7 v1 column): GET /messages reserves
// and answers `{"messages": []}` for a missing queue, the bare message with its status, delete,
// touch and release with no reservation id, batch delete by bare ids (never a clear), the
// per-message timeout and expires_in, and the webhook under /messages/webhook.
import { describe, expect, it } from 'vitest';
import { expectJson, expectMsg, MESSAGE_ID, sleep, useApiServer } from '../helpers/api';
import { eventually, V1Api } from '../helpers/v1';

const api = useApiServer();
const v1 = new V1Api(api);

const RESERVED_KEYS = ['body', 'id', 'reserved_count', 'timeout'];
const MESSAGE_KEYS = ['body', 'id', 'reserved_count', 'status', 'timeout'];

describe.concurrent('POST /messages', () => {
  it('answers 201 {ids, msg} with ids in order, and creates the queue', async ({ onTestFinished }) => {
    const q = v1.tempQueue(onTestFinished, 'post');
    const messages = [{ body: 'a' }, { body: 'b', timeout: 45, delay: 0, expires_in: 3600 }];
    const res = await v1.request('POST', v1.paths.messages(q), { json: { messages } });
    expectJson(res, 201);
    expect(Object.keys(res.body).sort()).toEqual(['ids', 'msg']);
    expect(res.body.msg).toBe('Messages put on queue.');
    expect(res.body.ids).toHaveLength(2);
    for (const id of res.body.ids) expect(id).toMatch(MESSAGE_ID);
    expect((await v1.peekOrThrow(q)).map((m) => [m.id, m.body, m.timeout])).toEqual([
      [res.body.ids[0], 'a', 60],
      [res.body.ids[1], 'b', 45],
    ]);
    expect(await v1.queueOrThrow(q)).toMatchObject({ size: 2, total_messages: 2, reserved: 0 });
  });
});

describe.concurrent('GET /messages (reserve) and GET /messages/peek', () => {
  it('GET /messages reserves: items are exactly {id, body, timeout, reserved_count}, no reservation id', async ({
    onTestFinished,
  }) => {
    const q = v1.tempQueue(onTestFinished, 'reserve');
    const ids = await v1.postOrThrow(q, ['a', 'b', 'c']);
    const first = await v1.reserveOrThrow(q);
    expect(first).toEqual([{ id: ids[0], body: 'a', timeout: 60, reserved_count: 1 }]);
    const rest = await v1.reserveOrThrow(q, { n: 5, timeout: 30 });
    expect(rest).toEqual([
      { id: ids[1], body: 'b', timeout: 30, reserved_count: 1 },
      { id: ids[2], body: 'c', timeout: 30, reserved_count: 1 },
    ]);
    for (const m of [...first, ...rest]) expect(Object.keys(m).sort()).toEqual(RESERVED_KEYS);
    expect(await v1.reserveOrThrow(q)).toEqual([]);
    expect(await v1.queueOrThrow(q)).toMatchObject({ size: 3, reserved: 3 });
  });

  it('peek returns messages without reserving them', async ({ onTestFinished }) => {
    const q = v1.tempQueue(onTestFinished, 'peek');
    const ids = await v1.postOrThrow(q, ['a', { body: 'b', timeout: 90 }]);
    const res = await v1.request('GET', v1.paths.peek(q, { n: 2 }));
    expectJson(res, 200);
    expect(res.body.messages).toMatchObject([
      { id: ids[0], body: 'a', timeout: 60, reserved_count: 0 },
      { id: ids[1], body: 'b', timeout: 90, reserved_count: 0 },
    ]);
    const one = await v1.request('GET', v1.paths.peek(q));
    expect(one.body.messages.map((m: { id: string }) => m.id)).toEqual([ids[0]]);
    expect(await v1.queueOrThrow(q)).toMatchObject({ reserved: 0 });
    expect((await v1.reserveOrThrow(q)).map((m) => m.reserved_count)).toEqual([1]);
  });

  it.for([
    ['GET /messages', 'messages'],
    ['GET /messages?n=5&timeout=30&wait=0', 'messages-query'],
    ['GET /messages/peek', 'peek'],
  ])('%s on a missing queue answers {"messages":[]} and does not create the queue', async ([, kind], {
    onTestFinished,
  }) => {
    const q = v1.tempQueue(onTestFinished, 'missing');
    const path =
      kind === 'peek'
        ? v1.paths.peek(q)
        : v1.paths.messages(q, kind === 'messages-query' ? { n: 5, timeout: 30, wait: 0 } : undefined);
    expectJson(await v1.request('GET', path), 200, { messages: [] });
    expectMsg(await v1.request('GET', v1.paths.queue(q)), 404, 'Queue not found');
  });

  it('delete=true removes the returned messages at once', async ({ onTestFinished }) => {
    const q = v1.tempQueue(onTestFinished, 'reserve-delete');
    const ids = await v1.postOrThrow(q, ['a', 'b', 'c']);
    expect((await v1.reserveOrThrow(q, { n: 2, delete: 'true' })).map((m) => m.id)).toEqual(ids.slice(0, 2));
    expect(await v1.queueOrThrow(q)).toMatchObject({ size: 1, reserved: 0 });
    expectMsg(await v1.request('GET', v1.paths.message(q, ids[0])), 404, 'Message not found');
  });

  it('wait holds an empty GET and returns as soon as a message is posted', async ({ onTestFinished }) => {
    const q = v1.tempQueue(onTestFinished, 'wait');
    await v1.updateOrThrow(q, {});
    const started = Date.now();
    const pending = v1.reserveOrThrow(q, { wait: 10 });
    await sleep(300);
    const [id] = await v1.postOrThrow(q, ['arrived']);
    expect((await pending).map((m) => m.id)).toEqual([id]);
    expect(Date.now() - started).toBeLessThan(5_000);
  });
});

describe.concurrent('per-message timeout and expires_in', () => {
  it('GET without timeout uses the message timeout; timeout=0 means the same; a GET timeout overrides it', async ({
    onTestFinished,
  }) => {
    const q = v1.tempQueue(onTestFinished, 'timeout');
    const ids = await v1.postOrThrow(q, [
      { body: 'a', timeout: 120 },
      { body: 'b', timeout: 120 },
      { body: 'c', timeout: 120 },
      'd',
    ]);
    expect(await v1.reserveOrThrow(q)).toEqual([{ id: ids[0], body: 'a', timeout: 120, reserved_count: 1 }]);
    // iron_go v1 always sends timeout=0 and wait=0 (§5.3).
    expect((await v1.reserveOrThrow(q, { timeout: 0, wait: 0 })).map((m) => m.timeout)).toEqual([120]);
    expect((await v1.reserveOrThrow(q, { timeout: 30 })).map((m) => m.timeout)).toEqual([30]);
    expect((await v1.reserveOrThrow(q, { timeout: 0 })).map((m) => [m.body, m.timeout])).toEqual([['d', 60]]);
  });

  it('the message timeout is the real reservation length when GET omits timeout', async ({ onTestFinished }) => {
    const q = v1.tempQueue(onTestFinished, 'timeout-lapse');
    const [id] = await v1.postOrThrow(q, [{ body: 'brief', timeout: 1 }]);
    expect(await v1.reserveOrThrow(q)).toEqual([{ id, body: 'brief', timeout: 1, reserved_count: 1 }]);
    expect(await v1.reserveOrThrow(q)).toEqual([]);
    const again = await eventually(() => v1.reserveOrThrow(q, { timeout: 30 }), (list) => list.length > 0, 5_000);
    expect(again).toEqual([{ id, body: 'brief', timeout: 30, reserved_count: 2 }]);
  });

  it('a message past its expires_in is gone: not peeked, not reserved, 404 by id, out of size', async ({
    onTestFinished,
  }) => {
    const q = v1.tempQueue(onTestFinished, 'expires');
    const [short, long] = await v1.postOrThrow(q, [
      { body: 'short', expires_in: 1 },
      { body: 'long', expires_in: 3600 },
    ]);
    expect((await v1.peekOrThrow(q)).map((m) => m.body)).toEqual(['short', 'long']);
    await eventually(() => v1.peekOrThrow(q), (list) => list.length === 1, 6_000);
    // §4.1: size counts unexpired messages only, so it agrees with what peek shows.
    expect(await v1.queueOrThrow(q)).toMatchObject({ size: 1, total_messages: 2 });
    expectMsg(await v1.request('GET', v1.paths.message(q, short)), 404, 'Message not found');
    expect((await v1.reserveOrThrow(q, { n: 5 })).map((m) => m.id)).toEqual([long]);
  });

  it('a reserved message past its expires_in is gone too', async ({ onTestFinished }) => {
    const q = v1.tempQueue(onTestFinished, 'expires-reserved');
    const [id] = await v1.postOrThrow(q, [{ body: 'held', expires_in: 1, timeout: 60 }]);
    expect(await v1.reserveOrThrow(q)).toHaveLength(1);
    await eventually(() => v1.request('GET', v1.paths.message(q, id)), (res) => res.status === 404, 6_000);
    await eventually(() => v1.queueOrThrow(q), (info) => info.size === 0 && info.reserved === 0, 3_000);
  });
});

describe.concurrent('GET /messages/{id}', () => {
  it('is the bare {id, body, timeout, status, reserved_count}; status follows the message', async ({
    onTestFinished,
  }) => {
    const q = v1.tempQueue(onTestFinished, 'get');
    const [id] = await v1.postOrThrow(q, [{ body: 'hello', timeout: 75 }]);
    const read = async () => {
      const res = await v1.request('GET', v1.paths.message(q, id));
      expectJson(res, 200);
      expect(Object.keys(res.body).sort()).toEqual(MESSAGE_KEYS);
      return res.body;
    };
    const fresh = await read();
    expect(fresh).toMatchObject({ id, body: 'hello', timeout: 75, reserved_count: 0 });
    expect(['available', 'queued']).toContain(fresh.status);
    await v1.reserveOrThrow(q);
    expect(await read()).toEqual({ id, body: 'hello', timeout: 75, status: 'reserved', reserved_count: 1 });
    expect(await v1.queueOrThrow(q)).toMatchObject({ reserved: 1 });
  });

  it('an unknown id is 404 Message not found', async ({ onTestFinished }) => {
    const q = v1.tempQueue(onTestFinished, 'get-unknown');
    await v1.postOrThrow(q, ['x']);
    expectMsg(await v1.request('GET', v1.paths.message(q, '123456789')), 404, 'Message not found');
  });
});

describe.concurrent('DELETE /messages/{id} and DELETE /messages', () => {
  it('deletes with no reservation id, reserved or not; then 404', async ({ onTestFinished }) => {
    const q = v1.tempQueue(onTestFinished, 'delete');
    const [reserved, plain] = await v1.postOrThrow(q, ['reserved', 'plain']);
    await v1.reserveOrThrow(q, { timeout: 30 });
    expectJson(await v1.request('DELETE', v1.paths.message(q, reserved)), 200, { msg: 'Deleted' });
    expectJson(await v1.request('DELETE', v1.paths.message(q, plain), { json: {} }), 200, { msg: 'Deleted' });
    expectMsg(await v1.request('DELETE', v1.paths.message(q, plain)), 404, 'Message not found');
    expect(await v1.queueOrThrow(q)).toMatchObject({ size: 0, reserved: 0, total_messages: 2 });
  });

  it.for([
    ['bare id strings', (ids: string[]) => ids],
    ['{id} objects', (ids: string[]) => ids.map((id) => ({ id }))],
  ] as const)('batch delete with %s deletes those messages, reserved or not', async ([, shape], { onTestFinished }) => {
    const q = v1.tempQueue(onTestFinished, 'batch');
    const ids = await v1.postOrThrow(q, ['a', 'b', 'c', 'd']);
    await v1.reserveOrThrow(q, { timeout: 30 });
    const res = await v1.request('DELETE', v1.paths.messages(q), { json: { ids: shape([ids[0], ids[2]]) } });
    expectJson(res, 200, { msg: 'Deleted' });
    expect((await v1.peekOrThrow(q)).map((m) => m.body)).toEqual(['b', 'd']);
    expect(await v1.queueOrThrow(q)).toMatchObject({ size: 2, reserved: 0 });
  });

  it.for([
    { name: 'no body', options: {} },
    { name: 'an empty body', options: { raw: '' } },
    { name: '{}', options: { json: {} } },
    { name: '{"ids": null}', options: { json: { ids: null } } },
  ])('without ids ($name) is a 400 and never clears', async ({ options }, { onTestFinished }) => {
    const q = v1.tempQueue(onTestFinished, 'batch-noids');
    await v1.postOrThrow(q, ['a', 'b']);
    const res = await v1.request('DELETE', v1.paths.messages(q), options);
    expectMsg(res, 400, /\S/);
    expect(await v1.queueOrThrow(q)).toMatchObject({ size: 2 });
  });
});

describe.concurrent('touch and release need no reservation id', () => {
  it.for([
    { name: 'no body', options: {} },
    { name: '{}', options: { json: {} } },
  ])('touch with $name answers Touched and extends the reservation', async ({ options }, { onTestFinished }) => {
    const q = v1.tempQueue(onTestFinished, 'touch');
    const [id] = await v1.postOrThrow(q, [{ body: 'x', timeout: 2 }]);
    await v1.reserveOrThrow(q);
    await sleep(1_200);
    expectJson(await v1.request('POST', v1.paths.touch(q, id), options), 200, { msg: 'Touched' });
    await sleep(1_300);
    // Without the touch the reservation would have lapsed at 2 s.
    expect(await v1.reserveOrThrow(q)).toEqual([]);
    const back = await eventually(() => v1.reserveOrThrow(q, { timeout: 30 }), (list) => list.length > 0, 5_000);
    expect(back.map((m) => m.id)).toEqual([id]);
  });

  it.for([
    { name: 'no body', options: {} },
    { name: 'an empty body', options: { raw: '' } },
    { name: '{}', options: { json: {} } },
    { name: '{"delay": 0}', options: { json: { delay: 0 } } },
  ])('release with $name answers Released and the message is available at once', async ({ options }, { onTestFinished }) => {
    const q = v1.tempQueue(onTestFinished, 'release');
    const [id] = await v1.postOrThrow(q, ['x']);
    await v1.reserveOrThrow(q, { timeout: 30 });
    expectJson(await v1.request('POST', v1.paths.release(q, id), options), 200, { msg: 'Released' });
    expect(await v1.queueOrThrow(q)).toMatchObject({ reserved: 0 });
    expect(await v1.reserveOrThrow(q, { timeout: 30 })).toMatchObject([{ id, reserved_count: 2 }]);
  });

  it('release with a delay hides the message for that long', async ({ onTestFinished }) => {
    const q = v1.tempQueue(onTestFinished, 'release-delay');
    const [id] = await v1.postOrThrow(q, ['x']);
    await v1.reserveOrThrow(q, { timeout: 30 });
    const started = Date.now();
    expectJson(await v1.request('POST', v1.paths.release(q, id), { json: { delay: 1 } }), 200, { msg: 'Released' });
    expect(await v1.reserveOrThrow(q)).toEqual([]);
    const back = await eventually(() => v1.reserveOrThrow(q, { timeout: 30 }), (list) => list.length > 0, 5_000);
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
    expect(back.map((m) => m.id)).toEqual([id]);
  });
});

describe.concurrent('POST /messages/webhook', () => {
  it('posts the raw body as one message and creates the queue', async ({ onTestFinished }) => {
    const q = v1.tempQueue(onTestFinished, 'webhook');
    const raw = '{"event":"push","n":1}';
    const res = await v1.request('POST', v1.paths.webhook(q), { raw, headers: { 'Content-Type': 'application/json' } });
    expectJson(res, 201);
    expect(res.body.msg).toBe('Messages put on queue.');
    expect(res.body.ids).toHaveLength(1);
    expect((await v1.peekOrThrow(q)).map((m) => [m.id, m.body])).toEqual([[res.body.ids[0], raw]]);
    expect(await v1.queueOrThrow(q)).toMatchObject({ size: 1, total_messages: 1 });
  });

  it('takes the token from ?oauth= like webhook callers send it', async ({ onTestFinished }) => {
    const q = v1.tempQueue(onTestFinished, 'webhook-oauth');
    const path = v1.paths.webhook(q, { oauth: api.server.token });
    const res = await v1.request('POST', path, { token: null, raw: 'plain text', headers: { 'Content-Type': 'text/plain' } });
    expectJson(res, 201);
    expect((await v1.peekOrThrow(q)).map((m) => m.body)).toEqual(['plain text']);
  });
});
