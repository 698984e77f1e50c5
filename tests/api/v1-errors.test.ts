// v1 refusals over raw HTTP (docs/api.md §1.3, §1.4, §1.5, §4.7, §5.1): every error is a
// `{"msg"}` body with a 4xx status — bad JSON, known fields of the wrong type or out of range,
// missing ids, unknown queues and messages, a wrong token — and none of them changes anything.
import { describe, expect, it } from 'vitest';
import { expectMsg, useApiServer, type RequestOptions } from '../helpers/api';
import { V1Api, type V1Paths } from '../helpers/v1';

const api = useApiServer();
const v1 = new V1Api(api);

const INVALID_TOKEN = 'Invalid project/token combination';

interface Case {
  name: string;
  method: string;
  path: (p: V1Paths, q: string, id: string) => string;
  options: RequestOptions;
}

const badJson = (raw: string): RequestOptions => ({ raw, headers: { 'Content-Type': 'application/json' } });
const json = (body: unknown): RequestOptions => ({ json: body });

const BAD_REQUESTS: Case[] = [
  // Malformed JSON (§1.4).
  { name: 'post messages: malformed JSON', method: 'POST', path: (p, q) => p.messages(q), options: badJson('{"messages": [') },
  { name: 'post messages: a JSON array body', method: 'POST', path: (p, q) => p.messages(q), options: badJson('[]') },
  { name: 'update queue: malformed JSON', method: 'POST', path: (p, q) => p.queue(q), options: badJson('{push_type:') },
  { name: 'batch delete: malformed JSON', method: 'DELETE', path: (p, q) => p.messages(q), options: badJson('{"ids":') },
  { name: 'release: malformed JSON', method: 'POST', path: (p, q, id) => p.release(q, id), options: badJson('{') },
  { name: 'subscribers: malformed JSON', method: 'POST', path: (p, q) => p.subscribers(q), options: badJson('nope') },
  { name: 'alerts: malformed JSON', method: 'POST', path: (p, q) => p.alerts(q), options: badJson('{"alerts":[}') },
  // Known fields of the wrong type or out of range (§1.4, §5.3 limits).
  { name: 'post: messages not an array', method: 'POST', path: (p, q) => p.messages(q), options: json({ messages: 'x' }) },
  { name: 'post: no messages', method: 'POST', path: (p, q) => p.messages(q), options: json({}) },
  { name: 'post: body not a string', method: 'POST', path: (p, q) => p.messages(q), options: json({ messages: [{ body: 5 }] }) },
  { name: 'post: timeout a string', method: 'POST', path: (p, q) => p.messages(q), options: json({ messages: [{ body: 'a', timeout: '60' }] }) },
  { name: 'post: timeout over a day', method: 'POST', path: (p, q) => p.messages(q), options: json({ messages: [{ body: 'a', timeout: 86_401 }] }) },
  { name: 'post: negative delay', method: 'POST', path: (p, q) => p.messages(q), options: json({ messages: [{ body: 'a', delay: -1 }] }) },
  { name: 'post: expires_in a string', method: 'POST', path: (p, q) => p.messages(q), options: json({ messages: [{ body: 'a', expires_in: '1' }] }) },
  { name: 'post: expires_in over 30 days', method: 'POST', path: (p, q) => p.messages(q), options: json({ messages: [{ body: 'a', expires_in: 2_592_001 }] }) },
  { name: 'reserve: n not a number', method: 'GET', path: (p, q) => p.messages(q, { n: 'x' }), options: {} },
  { name: 'reserve: negative timeout', method: 'GET', path: (p, q) => p.messages(q, { timeout: -1 }), options: {} },
  { name: 'peek: n not a number', method: 'GET', path: (p, q) => p.peek(q, { n: 'many' }), options: {} },
  { name: 'update: unknown push_type', method: 'POST', path: (p, q) => p.queue(q), options: json({ push_type: 'fanout' }) },
  { name: 'update: subscribers not an array', method: 'POST', path: (p, q) => p.queue(q), options: json({ subscribers: 'http://x' }) },
  { name: 'update: subscriber without url', method: 'POST', path: (p, q) => p.queue(q), options: json({ subscribers: [{ headers: {} }] }) },
  { name: 'update: retries a string', method: 'POST', path: (p, q) => p.queue(q), options: json({ retries: 'many' }) },
  { name: 'update: retries_delay a string', method: 'POST', path: (p, q) => p.queue(q), options: json({ retries_delay: 'soon' }) },
  { name: 'update: alerts not an array', method: 'POST', path: (p, q) => p.queue(q), options: json({ alerts: {} }) },
  { name: 'batch delete: ids not an array', method: 'DELETE', path: (p, q) => p.messages(q), options: json({ ids: 'x' }) },
  { name: 'batch delete: a numeric id', method: 'DELETE', path: (p, q) => p.messages(q), options: json({ ids: [1] }) },
  { name: 'batch delete: no ids', method: 'DELETE', path: (p, q) => p.messages(q), options: json({}) },
  { name: 'release: delay a string', method: 'POST', path: (p, q, id) => p.release(q, id), options: json({ delay: 'x' }) },
  { name: 'release: negative delay', method: 'POST', path: (p, q, id) => p.release(q, id), options: json({ delay: -5 }) },
  { name: 'subscribers: not an array', method: 'POST', path: (p, q) => p.subscribers(q), options: json({ subscribers: {} }) },
  { name: 'subscribers: without url', method: 'POST', path: (p, q) => p.subscribers(q), options: json({ subscribers: [{}] }) },
  { name: 'remove subscribers: without url', method: 'DELETE', path: (p, q) => p.subscribers(q), options: json({ subscribers: [{}] }) },
  { name: 'alerts: no list', method: 'POST', path: (p, q) => p.alerts(q), options: json({}) },
  { name: 'alerts: unknown type', method: 'POST', path: (p, q) => p.alerts(q), options: json({ alerts: [{ type: 'x', direction: 'asc', trigger: 1, queue: 'a' }] }) },
];

describe.concurrent('400 with {"msg"}, and nothing changes', () => {
  it.for(BAD_REQUESTS)('$name', async ({ method, path, options }, { onTestFinished }) => {
    const q = v1.tempQueue(onTestFinished, 'err400');
    const [id] = await v1.postOrThrow(q, [{ body: 'kept', timeout: 30 }]);
    await v1.reserveOrThrow(q);
    const before = await v1.queueOrThrow(q);
    expectMsg(await v1.request(method, path(v1.paths, q, id), options), 400, /\S/);
    expect(await v1.queueOrThrow(q)).toEqual(before);
  });
});

interface NotFoundCase {
  name: string;
  method: string;
  path: (p: V1Paths, q: string) => string;
  options?: RequestOptions;
  msg: string | RegExp;
}

const UNKNOWN_ID = '1234567890123';

const MISSING_QUEUE: NotFoundCase[] = [
  { name: 'get queue', method: 'GET', path: (p, q) => p.queue(q), msg: 'Queue not found' },
  { name: 'delete queue', method: 'DELETE', path: (p, q) => p.queue(q), msg: 'Queue not found' },
  { name: 'clear', method: 'POST', path: (p, q) => p.clear(q), msg: 'Queue not found' },
  { name: 'delete alerts', method: 'DELETE', path: (p, q) => p.alerts(q), msg: 'Queue not found' },
  // §4.7 (inferred): message operations by id on a missing queue answer 404; either text names what is missing.
  { name: 'get message', method: 'GET', path: (p, q) => p.message(q, UNKNOWN_ID), msg: /^(Message|Queue) not found$/ },
  { name: 'delete message', method: 'DELETE', path: (p, q) => p.message(q, UNKNOWN_ID), msg: /^(Message|Queue) not found$/ },
  { name: 'touch', method: 'POST', path: (p, q) => p.touch(q, UNKNOWN_ID), msg: /^(Message|Queue) not found$/ },
  { name: 'release', method: 'POST', path: (p, q) => p.release(q, UNKNOWN_ID), msg: /^(Message|Queue) not found$/ },
  { name: 'push statuses', method: 'GET', path: (p, q) => p.pushStatuses(q, UNKNOWN_ID), msg: /^(Message|Queue) not found$/ },
  { name: 'acknowledge', method: 'DELETE', path: (p, q) => p.pushStatus(q, UNKNOWN_ID, '0'), msg: /^(Message|Queue) not found$/ },
];

const MISSING_MESSAGE: NotFoundCase[] = [
  { name: 'get message', method: 'GET', path: (p, q) => p.message(q, UNKNOWN_ID), msg: 'Message not found' },
  { name: 'delete message', method: 'DELETE', path: (p, q) => p.message(q, UNKNOWN_ID), msg: 'Message not found' },
  { name: 'touch', method: 'POST', path: (p, q) => p.touch(q, UNKNOWN_ID), msg: 'Message not found' },
  { name: 'release', method: 'POST', path: (p, q) => p.release(q, UNKNOWN_ID), msg: 'Message not found' },
  { name: 'push statuses', method: 'GET', path: (p, q) => p.pushStatuses(q, UNKNOWN_ID), msg: 'Message not found' },
];

describe.concurrent('404 with {"msg"}', () => {
  it.for(MISSING_QUEUE)('missing queue: $name, and the queue is not created', async ({ method, path, options, msg }, {
    onTestFinished,
  }) => {
    const q = v1.tempQueue(onTestFinished, 'err404q');
    expectMsg(await v1.request(method, path(v1.paths, q), options), 404, msg);
    expectMsg(await v1.request('GET', v1.paths.queue(q)), 404, 'Queue not found');
  });

  it.for(MISSING_MESSAGE)('missing message: $name', async ({ method, path, options, msg }, { onTestFinished }) => {
    const q = v1.tempQueue(onTestFinished, 'err404m');
    await v1.postOrThrow(q, ['kept']);
    expectMsg(await v1.request(method, path(v1.paths, q), options), 404, msg);
    expect(await v1.queueOrThrow(q)).toMatchObject({ size: 1 });
  });
});

const UNAUTHORIZED: Array<{ name: string; method: string; path: (p: V1Paths, q: string) => string; options?: RequestOptions }> = [
  { name: 'list queues', method: 'GET', path: (p) => p.queues() },
  { name: 'get queue', method: 'GET', path: (p, q) => p.queue(q) },
  { name: 'update queue', method: 'POST', path: (p, q) => p.queue(q), options: json({ push_type: 'pull' }) },
  { name: 'delete queue', method: 'DELETE', path: (p, q) => p.queue(q) },
  { name: 'clear', method: 'POST', path: (p, q) => p.clear(q) },
  { name: 'post messages', method: 'POST', path: (p, q) => p.messages(q), options: json({ messages: [{ body: 'x' }] }) },
  { name: 'reserve', method: 'GET', path: (p, q) => p.messages(q) },
  { name: 'peek', method: 'GET', path: (p, q) => p.peek(q) },
  { name: 'webhook', method: 'POST', path: (p, q) => p.webhook(q), options: { raw: 'x' } },
  { name: 'subscribers', method: 'POST', path: (p, q) => p.subscribers(q), options: json({ subscribers: [{ url: 'http://127.0.0.1:9/' }] }) },
  { name: 'alerts', method: 'POST', path: (p, q) => p.alerts(q), options: json({ alerts: [] }) },
];

describe.concurrent('401 on a wrong token', () => {
  it.for(UNAUTHORIZED)('$name', async ({ method, path, options }, { onTestFinished }) => {
    const q = v1.tempQueue(onTestFinished, 'err401');
    const [id] = await v1.postOrThrow(q, ['kept']);
    const before = await v1.queueOrThrow(q);
    const res = await v1.request(method, path(v1.paths, q), { ...options, token: 'wrong-token-0123456789' });
    expectMsg(res, 401, INVALID_TOKEN);
    expect(await v1.queueOrThrow(q)).toEqual(before);
    expect((await v1.peekOrThrow(q)).map((m) => m.id)).toEqual([id]);
  });

  it('a wrong token does not create a queue', async ({ onTestFinished }) => {
    const q = v1.tempQueue(onTestFinished, 'err401-create');
    const options = { token: 'wrong-token-0123456789', json: { messages: [{ body: 'x' }] } };
    expectMsg(await v1.request('POST', v1.paths.messages(q), options), 401, INVALID_TOKEN);
    expectMsg(await v1.request('GET', v1.paths.queue(q)), 404, 'Queue not found');
  });

  it('no token at all is a 401', async () => {
    expectMsg(await v1.request('GET', v1.paths.queues(), { token: null }), 401, /\S/);
  });
});
