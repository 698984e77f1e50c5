// Push queues as settings (docs/api.md §2.2, §2.7, §3.2, §3.4): creating them (scenario 8), the
// subscriber routes, and every refusal — each a 400/403/404 with a clear msg that changes nothing.
// Delivery itself is in push-delivery.test.ts and push-errors.test.ts.
import { describe, expect, it } from 'vitest';
import { expectJson, expectMsg, sleep, useApiServer } from '../helpers/api';
import { createPushQueueOrThrow, pushStatusesPath, subscribersPath, type WireSubscriber } from '../helpers/push-api';
import { tempSubscriber } from '../helpers/push-subscriber';

const api = useApiServer();

// Nobody listens here: these queues are about settings, and no test posts to them.
const url = (path: string) => `http://127.0.0.1:9/${path}`;
const sub = (name: string, headers?: Record<string, string>): WireSubscriber => ({ name, url: url(name), ...(headers ? { headers } : {}) });
const wireSub = (name: string, headers: Record<string, string> = {}) => ({ name, url: url(name), headers });

const editSubscribers = (method: 'POST' | 'PUT' | 'DELETE', q: string, subscribers: unknown) =>
  api.request(method, subscribersPath(api, q), { json: { subscribers } });

/** Runs a refused request and checks that the queue (or its absence) is exactly as before. */
async function expectRefusedUnchanged(q: string, request: () => Promise<Awaited<ReturnType<typeof api.request>>>, status: number, msg: string | RegExp) {
  const before = await api.getQueue(q);
  expectMsg(await request(), status, msg);
  const after = await api.getQueue(q);
  expect(after.status).toBe(before.status);
  expect(after.body).toEqual(before.body);
}

describe.concurrent('creating push queues (scenario 8)', () => {
  it('PUT with only `push` makes a multicast queue and echoes retries, retries_delay, error_queue', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'push-create');
    const res = await api.createQueue(q, { push: { subscribers: [sub('first')], retries: 5, retries_delay: 30, error_queue: `${q}-errors` } });
    expectJson(res, 200);
    expect(res.body.queue).toMatchObject({ name: q, type: 'multicast' });
    expect(res.body.queue.push).toEqual({ subscribers: [wireSub('first')], retries: 5, retries_delay: 30, error_queue: `${q}-errors` });
    // The create reply has no counters (§2.2); GET has them and the same push section.
    expect(res.body.queue).not.toHaveProperty('size');
    const queue = await api.queueOrThrow(q);
    expect(queue).toMatchObject({ type: 'multicast', size: 0, total_messages: 0 });
    expect(queue.push).toEqual(res.body.queue.push);
  });

  it('defaults: retries 3, retries_delay 60, no error_queue; unicast when asked', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'push-defaults');
    const created = await createPushQueueOrThrow(api, q, [sub('s1')], { type: 'unicast' });
    expect(created.type).toBe('unicast');
    expect(created.push).toEqual({ subscribers: [wireSub('s1')], retries: 3, retries_delay: 60 });
  });

  it('retries_delay accepts its floor of 3 s; PATCH changes push settings one by one', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'push-patch');
    await createPushQueueOrThrow(api, q, [sub('s1')], { retries: 2, retries_delay: 3, error_queue: 'eq' });
    const res = await api.updateQueue(q, { push: { retries: 7 } });
    expectJson(res, 200);
    expect(res.body.queue.push).toEqual({ subscribers: [wireSub('s1')], retries: 7, retries_delay: 3, error_queue: 'eq' });
    // error_queue "" disables it; the same type may be repeated (Go PATCHes it every time).
    const cleared = await api.updateQueue(q, { type: 'multicast', push: { error_queue: '' } });
    expectJson(cleared, 200);
    expect(cleared.body.queue.push).toEqual({ subscribers: [wireSub('s1')], retries: 7, retries_delay: 3 });
  });
});

describe.concurrent('subscriber routes (§2.7)', () => {
  it('POST adds; a subscriber with an existing name is updated in place, order and count kept', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'subs-add');
    await createPushQueueOrThrow(api, q, [sub('first'), sub('second')]);
    const moved = { name: 'first', url: url('first-moved'), headers: { 'X-Token': 't' } };
    expectMsg(await editSubscribers('POST', q, [moved, sub('third')]), 200, 'Updated');
    expect((await api.queueOrThrow(q)).push.subscribers).toEqual([moved, wireSub('second'), wireSub('third')]);
  });

  it('PUT replaces the whole list', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'subs-replace');
    await createPushQueueOrThrow(api, q, [sub('first'), sub('second')]);
    expectMsg(await editSubscribers('PUT', q, [sub('only', { A: 'b' })]), 200, 'Updated');
    expect((await api.queueOrThrow(q)).push.subscribers).toEqual([wireSub('only', { A: 'b' })]);
  });

  it('DELETE removes by name, or by url when no name is given', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'subs-remove');
    await createPushQueueOrThrow(api, q, [sub('one'), sub('two'), sub('three')]);
    expectMsg(await editSubscribers('DELETE', q, [{ name: 'two' }]), 200, 'Updated');
    expect((await api.queueOrThrow(q)).push.subscribers).toEqual([wireSub('one'), wireSub('three')]);
    expectMsg(await editSubscribers('DELETE', q, [{ url: url('three') }]), 200, 'Updated');
    expect((await api.queueOrThrow(q)).push.subscribers).toEqual([wireSub('one')]);
  });

  it('unnamed subscribers are identified by their url', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'subs-unnamed');
    await createPushQueueOrThrow(api, q, [{ url: url('a') }]);
    expectMsg(await editSubscribers('POST', q, [{ url: url('a'), headers: { H: '1' } }, { url: url('b') }]), 200, 'Updated');
    expect((await api.queueOrThrow(q)).push.subscribers).toEqual([
      { name: '', url: url('a'), headers: { H: '1' } },
      { name: '', url: url('b'), headers: {} },
    ]);
  });

  it('removing every subscriber is refused (400) by DELETE, PUT and PATCH; nothing changes', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'subs-none');
    await createPushQueueOrThrow(api, q, [sub('one'), sub('two')]);
    const atLeastOne = /at least one subscriber/i;
    await expectRefusedUnchanged(q, () => editSubscribers('DELETE', q, [{ name: 'one' }, { name: 'two' }]), 400, atLeastOne);
    await expectRefusedUnchanged(q, () => editSubscribers('PUT', q, []), 400, atLeastOne);
    await expectRefusedUnchanged(q, () => api.updateQueue(q, { push: { subscribers: [] } }), 400, atLeastOne);
  });

  it('subscriber routes on a missing queue answer 404 Queue not found', async () => {
    const q = `push-missing-${Date.now()}`;
    for (const method of ['POST', 'PUT', 'DELETE'] as const) {
      expectMsg(await editSubscribers(method, q, [sub('x')]), 404, 'Queue not found');
    }
  });
});

describe.concurrent('refused settings: 400/403 and nothing changes', () => {
  it('bad subscriber urls are refused on create, add and replace', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'bad-urls');
    const cases: Array<[unknown, RegExp]> = [
      [{ name: 'a', url: 'not a url' }, /url/i],
      [{ name: 'a', url: 'ftp://example.com/push' }, /http.*https/i],
      [{ name: 'a', url: '' }, /url/i],
      [{ name: 'a' }, /url/i],
      ['http://example.com/push', /subscriber/i],
    ];
    for (const [subscriber, msg] of cases) {
      await expectRefusedUnchanged(q, () => api.createQueue(q, { push: { subscribers: [subscriber] } }), 400, msg);
    }
    expect((await api.getQueue(q)).status).toBe(404);
    await createPushQueueOrThrow(api, q, [sub('good')]);
    for (const [subscriber, msg] of cases) {
      await expectRefusedUnchanged(q, () => editSubscribers('POST', q, [subscriber]), 400, msg);
      await expectRefusedUnchanged(q, () => editSubscribers('PUT', q, [sub('other'), subscriber]), 400, msg);
    }
    await expectRefusedUnchanged(q, () => editSubscribers('POST', q, 'nope'), 400, /subscribers/);
  });

  it('subscriber headers that cannot be sent over HTTP are refused', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'bad-sub-headers');
    const unsendable: Array<Record<string, string>> = [{ 'Bad Name': 'v' }, { 'X-Split': 'a\r\nInjected: yes' }];
    for (const headers of unsendable) {
      await expectRefusedUnchanged(q, () => api.createQueue(q, { push: { subscribers: [sub('s', headers)] } }), 400, /header/i);
    }
  });

  it('out-of-range retries and retries_delay (floor 3 s) are refused', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'bad-retries');
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ retries_delay: 2 }, /retries_delay/],
      [{ retries: 101 }, /retries/],
      [{ retries: -1 }, /retries/],
    ];
    for (const [push, msg] of cases) {
      await expectRefusedUnchanged(q, () => api.createQueue(q, { push: { subscribers: [sub('s')], ...push } }), 400, msg);
    }
    await createPushQueueOrThrow(api, q, [sub('s')]);
    for (const [push, msg] of cases) await expectRefusedUnchanged(q, () => api.updateQueue(q, { push }), 400, msg);
  });

  it('a push type without subscribers, or push settings on a pull queue, is refused', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'bad-type');
    await expectRefusedUnchanged(q, () => api.createQueue(q, { type: 'multicast' }), 400, /subscriber/i);
    await expectRefusedUnchanged(q, () => api.createQueue(q, { type: 'unicast', push: { subscribers: [] } }), 400, /subscriber/i);
    await expectRefusedUnchanged(q, () => api.createQueue(q, { type: 'pull', push: { subscribers: [sub('s')] } }), 400, /pull/i);
    await expectRefusedUnchanged(q, () => api.createQueue(q, { type: 'fanout', push: { subscribers: [sub('s')] } }), 400, /type/);
    expect((await api.getQueue(q)).status).toBe(404);
  });

  it('subscribers on a pull queue are refused (400) by every route', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'pull-subs');
    await api.createQueueOrThrow(q);
    const pushOnly = /push queues/i;
    await expectRefusedUnchanged(q, () => editSubscribers('POST', q, [sub('s')]), 400, pushOnly);
    await expectRefusedUnchanged(q, () => editSubscribers('PUT', q, [sub('s')]), 400, pushOnly);
    await expectRefusedUnchanged(q, () => editSubscribers('DELETE', q, [{ name: 's' }]), 400, pushOnly);
    await expectRefusedUnchanged(q, () => api.updateQueue(q, { push: { subscribers: [sub('s')] } }), 400, /pull/i);
  });

  it('alerts on a push queue: 400 "Push queues do not support alerts."', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'push-alerts');
    const alerts = [{ type: 'fixed', trigger: 10, direction: 'asc', queue: `${q}-alerts`, snooze: 0 }];
    const msg = 'Push queues do not support alerts.';
    await expectRefusedUnchanged(q, () => api.createQueue(q, { push: { subscribers: [sub('s')] }, alerts }), 400, msg);
    await createPushQueueOrThrow(api, q, [sub('s')]);
    await expectRefusedUnchanged(q, () => api.updateQueue(q, { alerts }), 400, msg);
    await expectRefusedUnchanged(q, () => api.createQueue(q, { alerts }), 400, msg);
    await expectRefusedUnchanged(q, () => api.request('POST', `${api.paths.queue(q)}/alerts`, { json: { alerts } }), 400, msg);
    await expectRefusedUnchanged(q, () => api.request('PUT', `${api.paths.queue(q)}/alerts`, { json: { alerts } }), 400, msg);
  });

  it('a dead letter queue on a push queue is refused (use error_queue)', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'push-dlq');
    const deadLetter = { queue_name: `${q}-dlq`, max_reservations: 1 };
    await expectRefusedUnchanged(q, () => api.createQueue(q, { push: { subscribers: [sub('s')] }, dead_letter: deadLetter }), 400, /error_queue/);
    await createPushQueueOrThrow(api, q, [sub('s')]);
    await expectRefusedUnchanged(q, () => api.updateQueue(q, { dead_letter: deadLetter }), 400, /error_queue/);
    expect((await api.getQueue(`${q}-dlq`)).status).toBe(404);
  });

  it('changing the type is 403, by PATCH and by PUT, in every direction', async ({ onTestFinished }) => {
    const multicast = api.tempQueue(onTestFinished, 'type-multicast');
    const unicast = api.tempQueue(onTestFinished, 'type-unicast');
    const pull = api.tempQueue(onTestFinished, 'type-pull');
    await createPushQueueOrThrow(api, multicast, [sub('s')]);
    await createPushQueueOrThrow(api, unicast, [sub('s')], { type: 'unicast' });
    await api.createQueueOrThrow(pull);
    const changes: Array<[string, string]> = [
      [multicast, 'unicast'],
      [multicast, 'pull'],
      [unicast, 'multicast'],
      [unicast, 'pull'],
      [pull, 'multicast'],
      [pull, 'unicast'],
    ];
    for (const [q, type] of changes) {
      const body = type === 'pull' ? { type } : { type, push: { subscribers: [sub('s')] } };
      await expectRefusedUnchanged(q, () => api.updateQueue(q, body), 403, /type/i);
      await expectRefusedUnchanged(q, () => api.createQueue(q, body), 403, /type/i);
    }
  });

  it('reserving from a push queue is refused (400) and delivers nothing to the caller', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'push-reserve');
    await createPushQueueOrThrow(api, q, [sub('s')], { retries_delay: 600 });
    expectMsg(await api.reserve(q, { n: 1 }), 400, /pull queues/i);
    expectMsg(await api.reserve(q, { n: 1, delete: true, wait: 1 }), 400, /pull queues/i);
  });
});

describe.concurrent('push_headers restrictions (§3.2)', () => {
  const reservedNames = ['Content-Type', 'user-agent', 'IRON-MESSAGE-ID', 'Iron-Reservation-Id', 'iron-subscriber-name', 'Iron-Subscriber-Message-URL'];
  const five = Object.fromEntries(['A', 'B', 'C', 'D', 'E'].map((n) => [`X-${n}`, n]));
  const refused: Array<[string, Record<string, unknown>, RegExp]> = [
    ['more than 5', { ...five, 'X-F': 'f' }, /at most 5/i],
    ['an empty name', { '': 'v' }, /names must be 1 to 64 bytes/],
    ['a name over 64 bytes', { ['X'.repeat(65)]: 'v' }, /names must be 1 to 64 bytes/],
    ['a name over 64 bytes in UTF-8 (33 × é)', { ['é'.repeat(33)]: 'v' }, /names must be 1 to 64 bytes/],
    ['an empty value', { 'X-Empty': '' }, /values must be 1 to 1024 bytes/],
    ['a value over 1024 bytes', { 'X-Big': 'v'.repeat(1025) }, /values must be 1 to 1024 bytes/],
    ['a value over 1024 bytes in UTF-8', { 'X-Big': 'é'.repeat(513) }, /values must be 1 to 1024 bytes/],
    ['a non-string value', { 'X-Number': 5 }, /X-Number/],
    ...reservedNames.map((name): [string, Record<string, unknown>, RegExp] => [`reserved name ${name}`, { [name]: 'v' }, /cannot be set/]),
  ];

  it.for(refused)('%s: 400, nothing enqueued, nothing pushed', async ([, pushHeaders, msg], { onTestFinished }) => {
    const subscriber = await tempSubscriber(onTestFinished);
    const q = api.tempQueue(onTestFinished, 'push-headers-bad');
    await createPushQueueOrThrow(api, q, [{ name: 's', url: subscriber.url }]);
    // A valid first message does not get through either: a post is all or none.
    const res = await api.postMessages(q, ['fine', { body: 'bad', push_headers: pushHeaders }]);
    expectMsg(res, 400, msg);
    expect(await api.queueOrThrow(q)).toMatchObject({ size: 0, total_messages: 0 });
    await sleep(300);
    expect(subscriber.pushes).toEqual([]);
  });

  // Node refuses to send such a header, so a message carrying one could never be delivered.
  it.for([
    ['a name that is not an HTTP token', { 'Bad Name': 'v' }],
    ['a non-ASCII name', { 'X-é': 'v' }],
    ['a value with CR LF', { 'X-Split': 'a\r\nInjected: yes' }],
  ] as Array<[string, Record<string, string>]>)('%s: 400 rather than a message no push can carry', async ([, pushHeaders], { onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'push-headers-unsendable');
    await createPushQueueOrThrow(api, q, [sub('s')], { retries_delay: 600 });
    expectMsg(await api.postMessages(q, [{ body: 'b', push_headers: pushHeaders }]), 400, /header/i);
    expect(await api.queueOrThrow(q)).toMatchObject({ size: 0, total_messages: 0 });
  });

  it('the limits themselves are accepted and delivered: 5 headers, a 64-byte name, a 1024-byte value', async ({ onTestFinished }) => {
    const subscriber = await tempSubscriber(onTestFinished);
    const q = api.tempQueue(onTestFinished, 'push-headers-limits');
    await createPushQueueOrThrow(api, q, [{ name: 's', url: subscriber.url }]);
    const headers = { 'X-A': 'v'.repeat(1024), 'X-B': 'b', 'X-C': 'c', 'X-D': 'd', ['N'.repeat(64)]: 'x' };
    expectJson(await api.postMessages(q, [{ body: 'b', push_headers: headers }]), 201);
    const [push] = await subscriber.waitForPushes(1);
    expect(push.headers).toMatchObject({ 'x-a': 'v'.repeat(1024), 'x-b': 'b', 'x-c': 'c', 'x-d': 'd', ['n'.repeat(64)]: 'x' });
  });
});

describe.concurrent('push statuses of messages that are not pushed', () => {
  it('a pull-queue message has {"subscribers":[]}', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'pull-statuses');
    const [id] = await api.postOrThrow(q, ['pulled']);
    expectJson(await api.request('GET', pushStatusesPath(api, q, id)), 200, { subscribers: [] });
  });

  it('a missing message is 404 Message not found; a missing queue 404 Queue not found', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'push-statuses-404');
    await createPushQueueOrThrow(api, q, [sub('s')]);
    expectMsg(await api.request('GET', pushStatusesPath(api, q, '12345')), 404, 'Message not found');
    expectMsg(await api.request('GET', pushStatusesPath(api, `${q}-none`, '12345')), 404, 'Queue not found');
  });
});
