// The push calls of the official Node client (npm iron_mq 0.9.3, docs/api.md §8.3) against a
// real Ferro process and real subscribers on 127.0.0.1: add_subscribers, rm_subscribers,
// rpl_subscribers, msg_push_statuses and del_msg_push_status, with what each hands its caller.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RESERVATION_ID, uniqueQueueName } from '../helpers/api';
import { eventually } from '../helpers/push-api';
import { ironMqNodePush, type IronMqNodePush } from '../helpers/iron-mq-node-push';
import { tempSubscriber } from '../helpers/push-subscriber';
import { startServer, type TestServer } from '../helpers/server';

let server: TestServer | undefined;
beforeAll(async () => {
  server = await startServer();
});
afterAll(async () => {
  await server?.stop();
});

type OnFinished = (fn: () => Promise<void>) => void;

/** A client on a fresh queue name; the queue is deleted (if it exists) when the test finishes. */
function tempClient(onTestFinished: OnFinished, label: string): { q: string; mq: IronMqNodePush } {
  const q = uniqueQueueName(`node-push-${label}`);
  const mq = ironMqNodePush(server!, q);
  onTestFinished(async () => {
    await mq.del_queue().catch(() => undefined);
  });
  return { q, mq };
}

const url = (path: string) => `http://127.0.0.1:9/${path}`;
const names = async (mq: IronMqNodePush) => ((await mq.info()).push.subscribers as Array<{ name: string; url: string }>).map((s) => `${s.name}=${s.url}`);

describe.concurrent('subscriber calls', () => {
  it('create_queue with push makes a multicast queue; add_subscribers adds and updates by name', async ({ onTestFinished }) => {
    const { q, mq } = tempClient(onTestFinished, 'add');
    const created = await mq.create_queue(q, { push: { subscribers: [{ name: 'a', url: url('a') }], retries: 2, retries_delay: 3 } });
    expect(created.queue).toMatchObject({ name: q, type: 'multicast', push: { retries: 2, retries_delay: 3 } });
    expect(await mq.add_subscribers({ name: 'b', url: url('b') })).toEqual({ msg: 'Updated' });
    expect(await mq.add_subscribers([{ name: 'a', url: url('a2'), headers: { 'X-A': '1' } }, { name: 'c', url: url('c') }])).toEqual({ msg: 'Updated' });
    expect(await names(mq)).toEqual([`a=${url('a2')}`, `b=${url('b')}`, `c=${url('c')}`]);
    expect((await mq.info()).push.subscribers[0].headers).toEqual({ 'X-A': '1' });
  });

  it('rpl_subscribers replaces the list; rm_subscribers removes by name', async ({ onTestFinished }) => {
    const { q, mq } = tempClient(onTestFinished, 'replace');
    await mq.create_queue(q, { push: { subscribers: [{ name: 'a', url: url('a') }] } });
    expect(await mq.rpl_subscribers([{ name: 'x', url: url('x') }, { name: 'y', url: url('y') }])).toEqual({ msg: 'Updated' });
    expect(await names(mq)).toEqual([`x=${url('x')}`, `y=${url('y')}`]);
    expect(await mq.rm_subscribers({ name: 'x' })).toEqual({ msg: 'Updated' });
    expect(await names(mq)).toEqual([`y=${url('y')}`]);
  });

  it('refusals reach the caller as errors carrying the msg', async ({ onTestFinished }) => {
    const { q, mq } = tempClient(onTestFinished, 'refused');
    await mq.create_queue(q, { push: { subscribers: [{ name: 'a', url: url('a') }] } });
    await expect(mq.rm_subscribers([{ name: 'a' }])).rejects.toThrow(/at least one subscriber/i);
    await expect(mq.add_subscribers({ name: 'f', url: 'ftp://example.com/f' })).rejects.toThrow(/http/);
    expect(await names(mq)).toEqual([`a=${url('a')}`]);
    const pull = tempClient(onTestFinished, 'refused-pull');
    await pull.mq.create_queue(pull.q, {});
    await expect(pull.mq.add_subscribers({ name: 'a', url: url('a') })).rejects.toThrow(/push queues/i);
    const missing = ironMqNodePush(server!, uniqueQueueName('node-push-missing'));
    await expect(missing.add_subscribers({ name: 'a', url: url('a') })).rejects.toThrow('Queue not found');
  });
});

describe.concurrent('push statuses', () => {
  it('msg_push_statuses shows each subscriber; del_msg_push_status acknowledges a 202', async ({ onTestFinished }) => {
    const accepting = await tempSubscriber(onTestFinished, () => 202);
    const done = await tempSubscriber(onTestFinished);
    const { q, mq } = tempClient(onTestFinished, 'statuses');
    await mq.create_queue(q, { push: { subscribers: [{ name: 'later', url: accepting.url }, { name: 'now', url: done.url }], retries_delay: 30 } });
    const id = (await mq.post('pushed by node')) as string;
    const [push] = await accepting.waitForPushes(1);
    expect(push.body).toBe('pushed by node');

    const body = await eventually(() => mq.msg_push_statuses(id), (b) => b.subscribers.every((s: { status_code: number }) => s.status_code !== 0));
    expect(Object.keys(body)).toEqual(['subscribers']);
    const [later, now] = body.subscribers;
    expect(later).toMatchObject({ name: 'later', url: accepting.url, status: 'reserved', status_code: 202, tries: 1, retries_remaining: 2 });
    expect(now).toMatchObject({ name: 'now', url: done.url, status: 'deleted', status_code: 200, tries: 1 });

    const reservationId = String(push.headers['iron-reservation-id']);
    expect(reservationId).toMatch(RESERVATION_ID);
    await expect(mq.del_msg_push_status(id, 'f'.repeat(32), 'later')).rejects.toThrow('Reservation timed out');
    expect(await mq.del_msg_push_status(id, reservationId, 'later')).toEqual({ msg: 'Deleted' });
    expect((await mq.msg_push_statuses(id)).subscribers.map((s: { status: string }) => s.status)).toEqual(['deleted', 'deleted']);
    expect((await mq.info()).size).toBe(0);
  });

  it('scenario 11 through the client: failing twice then 200 ends deleted with retries_remaining 0', async ({ onTestFinished }) => {
    const subscriber = await tempSubscriber(onTestFinished, (_push, earlier) => (earlier < 2 ? 503 : 200));
    const { q, mq } = tempClient(onTestFinished, 'retries');
    await mq.create_queue(q, { push: { subscribers: [{ name: 'flaky', url: subscriber.url }], retries: 3, retries_delay: 3 } });
    const id = (await mq.post({ body: 'again and again' })) as string;
    const body = await eventually(() => mq.msg_push_statuses(id), (b) => b.subscribers[0]?.status === 'deleted', 20_000);
    expect(body.subscribers[0]).toMatchObject({ status: 'deleted', status_code: 200, tries: 3, retries_remaining: 0 });
  });

  it('a pull message has no push statuses; an unknown id is an error', async ({ onTestFinished }) => {
    const { q, mq } = tempClient(onTestFinished, 'pull');
    await mq.create_queue(q, {});
    const id = (await mq.post('pulled')) as string;
    expect(await mq.msg_push_statuses(id)).toEqual({ subscribers: [] });
    await expect(mq.msg_push_statuses('123456789')).rejects.toThrow('Message not found');
  });
});
