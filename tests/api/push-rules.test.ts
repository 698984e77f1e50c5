// Push rules that guard against misuse: a subscriber removed from a queue gets no more attempts,
// an acknowledgement never deletes a message for the other subscribers, ironmq:/// loops and
// framing headers are refused when set, and FERRO_PUSH_DENY adds to the default denial.
import { describe, expect, it } from 'vitest';
import { expectMsg, sleep, useApiServer } from '../helpers/api';
import { createPushQueueOrThrow, statusesOrThrow, subscribersPath, waitForStatuses } from '../helpers/push-api';
import { failingTimes, tempSubscriber } from '../helpers/push-subscriber';
import { createAddressPolicy } from '../../lib/push/address-policy';

const api = useApiServer();

describe.concurrent('push rules', () => {
  it('a subscriber removed from the queue gets no further attempts and leaves the statuses', async ({ onTestFinished }) => {
    const failing = await tempSubscriber(onTestFinished, failingTimes(100));
    const healthy = await tempSubscriber(onTestFinished);
    const q = api.tempQueue(onTestFinished, 'removed-sub');
    await createPushQueueOrThrow(api, q, [{ name: 'gone', url: failing.url }, { name: 'kept', url: healthy.url }], { retries: 5, retries_delay: 3 });
    const [id] = await api.postOrThrow(q, ['once']);
    await waitForStatuses(api, q, id, (list) => list.find((s) => s.name === 'gone')?.tries === 1);
    const removed = await api.request('DELETE', subscribersPath(api, q), { json: { subscribers: [{ name: 'gone' }] } });
    expect(removed.status).toBe(200);
    await sleep(4_000);
    expect(failing.pushesOf(id)).toHaveLength(1);
    expect((await statusesOrThrow(api, q, id)).map((s) => s.name)).toEqual(['kept']);
    expect(await api.sizeOrThrow(q)).toBe(0);
  });

  it('an acknowledgement with only a reservation id acknowledges that delivery, not the message', async ({ onTestFinished }) => {
    const accepting = await tempSubscriber(onTestFinished, () => 202);
    const slow = await tempSubscriber(onTestFinished, () => 202);
    const q = api.tempQueue(onTestFinished, 'ack-rid');
    await createPushQueueOrThrow(api, q, [{ name: 'a', url: accepting.url }, { name: 'b', url: slow.url }], { retries_delay: 30 });
    const [id] = await api.postOrThrow(q, ['ack me']);
    await waitForStatuses(api, q, id, (list) => list.every((s) => s.status === 'reserved'));
    const [push] = accepting.pushesOf(id);
    const ack = await api.request('DELETE', api.paths.message(q, id), { json: { reservation_id: push.reservationId } });
    expect(ack.status).toBe(200);
    const statuses = Object.fromEntries((await statusesOrThrow(api, q, id)).map((s) => [s.name, s.status]));
    expect(statuses).toEqual({ a: 'deleted', b: 'reserved' });
    expect(await api.sizeOrThrow(q)).toBe(1);
  });

  it('ironmq:/// subscribers that would loop back are refused, also through a third queue', async ({ onTestFinished }) => {
    const [a, b, c] = ['loop-a', 'loop-b', 'loop-c'].map((name) => api.tempQueue(onTestFinished, name));
    await createPushQueueOrThrow(api, a, [{ name: 'to-b', url: `ironmq:///${b}` }]);
    await createPushQueueOrThrow(api, b, [{ name: 'to-c', url: `ironmq:///${c}` }]);
    const closing = await api.createQueue(c, { push: { subscribers: [{ name: 'to-a', url: `ironmq:///${a}` }] } });
    expectMsg(closing, 400, /loop/);
    expect((await api.request('GET', api.paths.queue(c))).status).toBe(404);
    const added = await api.request('POST', subscribersPath(api, b), { json: { subscribers: [{ name: 'back', url: `ironmq:///${a}` }] } });
    expectMsg(added, 400, /loop/);
    expectMsg(await api.createQueue(api.tempQueue(onTestFinished, 'no-target'), { push: { subscribers: [{ name: 'x', url: 'ironmq:///' }] } }), 400, /queue/);
  });

  it('framing headers cannot be set by a subscriber or a message', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'framing');
    for (const name of ['Host', 'Content-Length', 'transfer-encoding', 'Connection']) {
      const res = await api.createQueue(q, { push: { subscribers: [{ name: 's', url: 'http://127.0.0.1:9/x', headers: { [name]: '1' } }] } });
      expectMsg(res, 400, /cannot be set/);
    }
    await createPushQueueOrThrow(api, q, [{ name: 's', url: 'http://127.0.0.1:9/x' }]);
    const posted = await api.request('POST', api.paths.messages(q), { json: { messages: [{ body: 'b', push_headers: { 'Transfer-Encoding': 'chunked' } }] } });
    expectMsg(posted, 400, /cannot be set/);
  });

  it('FERRO_PUSH_DENY adds to the default denial instead of replacing it', () => {
    const policy = createAddressPolicy({ deny: 'loopback,private' });
    expect(policy.isAllowed('127.0.0.1')).toBe(false);
    expect(policy.isAllowed('10.1.2.3')).toBe(false);
    expect(policy.isAllowed('169.254.169.254')).toBe(false);
    expect(policy.isAllowed('203.0.113.7')).toBe(true);
  });
});
