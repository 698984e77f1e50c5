// Request and response plumbing the official clients rely on (docs/api.md §0.2–0.9, §1.4,
// §1.5): exact JSON headers, X-HTTP-Method-Override, bodies on GET and DELETE, empty or untyped
// bodies, unknown keys ignored, and zero meaning "default" or "unchanged".
import { describe, expect, it } from 'vitest';
import { expectJson, expectMsg, sleep, useApiServer } from '../helpers/api';

const api = useApiServer();
const JSON_TYPE = { 'Content-Type': 'application/json' };

describe.concurrent('response headers', () => {
  it('every kind of response is exactly application/json with a Content-Length', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'proto-headers');
    const p = api.paths;
    expectJson(await api.createQueue(q), 200);
    expectJson(await api.postMessages(q, ['x']), 201);
    expectJson(await api.listQueues(), 200);
    expectJson(await api.getQueue(`${q}-missing`), 404);
    expectJson(await api.request('GET', p.queues(), { token: 'wrong' }), 401);
    expectJson(await api.request('POST', p.messages(q), { raw: '{', headers: JSON_TYPE }), 400);
    expectJson(await api.request('GET', p.reservations(q)), 405);
    expectJson(await api.request('GET', `${p.project}/no-such-thing`), 404);
  });

  it.for(['gzip/deflate', 'gzip, deflate, br'])('never compresses, even for Accept-Encoding: %s', async (encoding, { onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'proto-gzip');
    await api.postOrThrow(q, Array.from({ length: 50 }, (_, i) => `${i} ${'compressible '.repeat(100)}`));
    const res = await api.request('GET', api.paths.messages(q, { n: 50 }), { headers: { 'Accept-Encoding': encoding } });
    expectJson(res, 200);
    expect(res.body.messages).toHaveLength(50);
  });
});

describe.concurrent('X-HTTP-Method-Override on POST (Java)', () => {
  const override = (method: string) => ({ 'X-HTTP-Method-Override': method });

  it('DELETE on a queue deletes it', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'proto-ovr-delq');
    await api.createQueueOrThrow(q);
    const res = await api.request('POST', api.paths.queue(q), { json: {}, headers: override('DELETE') });
    expectMsg(res, 200, 'Deleted');
    expectMsg(await api.getQueue(q), 404, 'Queue not found');
  });

  it('PATCH on a queue updates it and answers with the full queue', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'proto-ovr-patch');
    await api.createQueueOrThrow(q);
    const json = { queue: { message_timeout: 77 } };
    const res = await api.request('POST', api.paths.queue(q), { json, headers: override('PATCH') });
    expectJson(res, 200);
    expect(res.body.queue).toMatchObject({ name: q, message_timeout: 77, size: 0, total_messages: 0 });
  });

  it('PUT on a queue creates it', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'proto-ovr-put');
    const json = { queue: { message_timeout: 88 } };
    const res = await api.request('POST', api.paths.queue(q), { json, headers: override('PUT') });
    expectJson(res, 200);
    expect(res.body.queue).toMatchObject({ name: q, message_timeout: 88 });
    expect(res.body.queue).not.toHaveProperty('size');
  });

  it('DELETE on /messages is a batch delete, not a post', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'proto-ovr-batch');
    const [first, second] = await api.postOrThrow(q, ['a', 'b']);
    const json = { ids: [{ id: first }] };
    const res = await api.request('POST', api.paths.messages(q), { json, headers: override('DELETE') });
    expectMsg(res, 200, 'Deleted');
    expect(await api.queueOrThrow(q)).toMatchObject({ size: 1, total_messages: 2 });
    expect((await api.peekOrThrow(q, 5)).map((m) => m.id)).toEqual([second]);
  });

  it('DELETE on one message deletes it', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'proto-ovr-del1');
    const [id] = await api.postOrThrow(q, ['a']);
    const res = await api.request('POST', api.paths.message(q, id), { json: {}, headers: override('DELETE') });
    expectMsg(res, 200, 'Deleted');
    expectMsg(await api.getMessage(q, id), 404, 'Message not found');
  });

  it('is ignored on GET', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'proto-ovr-get');
    await api.createQueueOrThrow(q);
    const res = await api.request('GET', api.paths.queue(q), { headers: override('DELETE') });
    expectJson(res, 200);
    expect(res.body.queue.name).toBe(q);
    await api.queueOrThrow(q);
  });
});

describe.concurrent('request bodies', () => {
  it('GET requests may carry a JSON body (Go sends {} everywhere)', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'proto-getbody');
    const [id] = await api.postOrThrow(q, ['a']);
    const p = api.paths;
    for (const path of [p.queues(), p.queue(q), p.messages(q), p.message(q, id)]) {
      expectJson(await api.request('GET', path, { json: {} }), 200);
    }
    expectMsg(await api.request('DELETE', p.message(q, id), { json: {} }), 200, 'Deleted');
    expectMsg(await api.request('DELETE', p.queue(q), { json: {} }), 200, 'Deleted');
  });

  it('an empty body with Content-Type: application/json is {}', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'proto-empty');
    const p = api.paths;
    const empty = { raw: '', headers: JSON_TYPE };
    const created = await api.request('PUT', p.queue(q), empty);
    expectJson(created, 200);
    expect(created.body.queue).toMatchObject({ name: q, message_timeout: 60, message_expiration: 604800 });
    expectJson(await api.request('PATCH', p.queue(q), empty), 200);
    await api.postOrThrow(q, ['a', 'b']);
    const reserved = await api.request('POST', p.reservations(q), empty);
    expectJson(reserved, 200);
    expect(reserved.body.messages.map((m: { body: string }) => m.body)).toEqual(['a']);
    expectMsg(await api.request('DELETE', p.messages(q), empty), 200, 'Cleared');
    expect(await api.sizeOrThrow(q)).toBe(0);
  });

  it.for([
    ['no Content-Type', {}],
    ['Content-Type: text/plain', { 'Content-Type': 'text/plain' }],
  ] as const)('JSON is parsed with %s', async ([, headers], { onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'proto-ctype');
    const raw = JSON.stringify({ messages: [{ body: 'a' }, { body: 'b' }] });
    expectJson(await api.request('POST', api.paths.messages(q), { raw, headers }), 201);
    const reserved = await api.request('POST', api.paths.reservations(q), { raw: '{"n": 2}', headers });
    expectJson(reserved, 200);
    expect(reserved.body.messages).toHaveLength(2);
  });
});

describe.concurrent('unknown keys are ignored', () => {
  it('on posted messages (Go reserved_until, Java reserved_count/delay, v1 timeout/expires_in, PHP oauth)', async ({
    onTestFinished,
  }) => {
    const q = api.tempQueue(onTestFinished, 'proto-keys-post');
    const message = {
      body: 'payload',
      delay: 0,
      reserved_count: 0,
      reserved_until: '0001-01-01T00:00:00Z',
      reservation_id: '',
      timeout: 30,
      expires_in: 5,
      id: '42',
      something_new: { nested: [1, 2] },
    };
    const res = await api.request('POST', api.paths.messages(q), {
      json: { oauth: api.server.token, messages: [message], extra: true },
    });
    expectJson(res, 201);
    expect(res.body.ids[0]).not.toBe('42');
    const [reserved] = await api.reserveOrThrow(q);
    expect(reserved).toMatchObject({ id: res.body.ids[0], body: 'payload', reserved_count: 1 });
  });

  it('on reserve, on queue updates and in the query string', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'proto-keys-misc');
    await api.postOrThrow(q, ['a']);
    const reserve = { n: 1, wait: 0, delete: false, oauth: api.server.token, reservation_id: '', extra: [1] };
    expect(await api.reserveOrThrow(q, reserve)).toHaveLength(1);
    const patched = await api.updateQueue(q, { message_timeout: 61, rate_limit: 5, whatever: 'x' });
    expectJson(patched, 200);
    expect(patched.body.queue).not.toHaveProperty('rate_limit');
    expectJson(await api.listQueues({ page: 3, foo: 'bar', prefix: q }), 200);
  });

  it('read-only fields on create (Go sends name/size/total_messages and zeros)', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'proto-keys-go');
    const goQueue = { name: 'ignored', project_id: 'x', size: 0, total_messages: 0, message_timeout: 0, message_expiration: 0 };
    const res = await api.createQueue(q, goQueue);
    expectJson(res, 200);
    expect(res.body.queue).toMatchObject({
      name: q,
      project_id: api.server.projectId,
      message_timeout: 60,
      message_expiration: 604800,
    });
  });
});

describe.concurrent('zero means default', () => {
  it('message_timeout: 0 and message_expiration: 0 on PATCH or PUT leave the settings unchanged', async ({
    onTestFinished,
  }) => {
    const q = api.tempQueue(onTestFinished, 'proto-zero-q');
    await api.createQueueOrThrow(q, { message_timeout: 77, message_expiration: 3600 });
    const zeros = { message_timeout: 0, message_expiration: 0, size: 0, total_messages: 0 };
    const patched = await api.updateQueue(q, zeros);
    expectJson(patched, 200);
    expect(patched.body.queue).toMatchObject({ message_timeout: 77, message_expiration: 3600 });
    expectJson(await api.createQueue(q, zeros), 200);
    expect(await api.queueOrThrow(q)).toMatchObject({ message_timeout: 77, message_expiration: 3600 });
  });

  it('timeout: 0 on reserve uses the queue message_timeout', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'proto-zero-r');
    await api.createQueueOrThrow(q, { message_timeout: 1 });
    const [id] = await api.postOrThrow(q, ['a']);
    expect(await api.reserveOrThrow(q, { n: 1, timeout: 0 })).toHaveLength(1);
    // Still reserved at once (0 is not "expire now") ...
    expect(await api.reserveOrThrow(q, { timeout: 0 })).toEqual([]);
    await sleep(2_000);
    // ... and back after the queue's 1 s (0 is not "no timeout" nor some larger default).
    const [again] = await api.reserveOrThrow(q, { timeout: 0 });
    expect(again).toMatchObject({ id, reserved_count: 2 });
  });

  it('n: 0 reserves one and delay: 0 is immediately available', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'proto-zero-n');
    await api.postOrThrow(q, [{ body: 'a', delay: 0 }, { body: 'b', delay: 0 }]);
    expect((await api.reserveOrThrow(q, { n: 0 })).map((m) => m.body)).toEqual(['a']);
  });
});

describe.concurrent('paths', () => {
  it('tolerate a trailing slash', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'proto-slash');
    await api.createQueueOrThrow(q);
    const info = await api.request('GET', `${api.paths.queue(q)}/`);
    expectJson(info, 200);
    expect(info.body.queue.name).toBe(q);
    const list = await api.request('GET', `${api.paths.queues()}/`);
    expectJson(list, 200);
    expect(Array.isArray(list.body.queues)).toBe(true);
  });
});
