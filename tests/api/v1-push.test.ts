// v1 push queues over raw HTTP with a real subscriber on 127.0.0.1 (docs/api.md §5.1, §5.3,
// §4.8): push statuses with per-subscriber ids and `retried`, acknowledgement of a 202 by
// DELETE …/subscribers/{sid}, unicast showing only the tried subscriber, the v1 header set of
// the push request, and a delivered message reading as deleted.
import { describe, expect, it } from 'vitest';
import { expectJson, expectMsg, useApiServer } from '../helpers/api';
import { startSubscriber, type TestSubscriber } from '../helpers/subscriber';
import { eventually, V1Api } from '../helpers/v1';

const api = useApiServer();
const v1 = new V1Api(api);

type OnFinished = (fn: () => Promise<void>) => void;

const STATUS_KEYS = ['id', 'retried', 'retries_delay', 'retries_remaining', 'status', 'status_code', 'url'];

async function subscriberFor(onTestFinished: OnFinished, statuses: Record<string, number> = {}): Promise<TestSubscriber> {
  const subscriber = await startSubscriber(statuses);
  onTestFinished(() => subscriber.close());
  return subscriber;
}

/** Push statuses once every listed subscriber has had its first attempt recorded. */
async function settledStatuses(q: string, id: string, count: number): Promise<Record<string, any>[]> {
  return eventually(
    async () => {
      const res = await v1.request('GET', v1.paths.pushStatuses(q, id));
      expectJson(res, 200);
      return res.body.subscribers as Record<string, any>[];
    },
    (list) => list.length === count && list.every((s) => s.status_code !== 0),
  );
}

describe.concurrent('push statuses and acknowledgement', () => {
  it('GET …/subscribers lists {id, url, status, status_code, retries_remaining, retries_delay, retried}', async ({
    onTestFinished,
  }) => {
    const q = v1.tempQueue(onTestFinished, 'push-statuses');
    const subscriber = await subscriberFor(onTestFinished, { '/accepted': 202 });
    const [accepted, done] = [subscriber.url('/accepted'), subscriber.url('/done')];
    await v1.updateOrThrow(q, { subscribers: [{ url: accepted }, { url: done }], retries: 3, retries_delay: 30 });
    const [id] = await v1.postOrThrow(q, [{ body: 'pushed', timeout: 30 }]);
    const statuses = await settledStatuses(q, id, 2);
    for (const s of statuses) {
      expect(Object.keys(s).sort()).toEqual(STATUS_KEYS);
      expect(s.id).toMatch(/^[0-9]+$/);
    }
    expect(new Set(statuses.map((s) => s.id)).size).toBe(2);
    const byUrl = Object.fromEntries(statuses.map((s) => [s.url, s]));
    expect(byUrl[accepted]).toMatchObject({ status: 'reserved', status_code: 202, retried: 1, retries_delay: 30 });
    expect(byUrl[done]).toMatchObject({ status: 'deleted', status_code: 200, retried: 1, retries_delay: 30 });

    expectJson(await v1.request('DELETE', v1.paths.pushStatus(q, id, byUrl[accepted].id)), 200, { msg: 'Deleted' });
    const after = await settledStatuses(q, id, 2);
    expect(after.map((s) => s.status)).toEqual(['deleted', 'deleted']);
    expect(await v1.queueOrThrow(q)).toMatchObject({ size: 0 });
    expect(subscriber.received.filter((r) => r.path === '/accepted')).toHaveLength(1);
  });

  it('acknowledging an unknown subscriber id or message is 404 Message not found', async ({ onTestFinished }) => {
    const q = v1.tempQueue(onTestFinished, 'push-ack-unknown');
    const subscriber = await subscriberFor(onTestFinished, { '/accepted': 202 });
    await v1.updateOrThrow(q, { subscribers: [{ url: subscriber.url('/accepted') }] });
    const [id] = await v1.postOrThrow(q, ['x']);
    await settledStatuses(q, id, 1);
    expectMsg(await v1.request('DELETE', v1.paths.pushStatus(q, id, '987654')), 404, 'Message not found');
    expectMsg(await v1.request('DELETE', v1.paths.pushStatus(q, '123456789', '0')), 404, 'Message not found');
  });

  it('a unicast queue lists only the subscriber that was tried', async ({ onTestFinished }) => {
    const q = v1.tempQueue(onTestFinished, 'push-unicast');
    const subscriber = await subscriberFor(onTestFinished);
    const urls = [subscriber.url('/one'), subscriber.url('/two')];
    await v1.updateOrThrow(q, { push_type: 'unicast', subscribers: urls.map((url) => ({ url })) });
    const [id] = await v1.postOrThrow(q, ['only once']);
    const statuses = await settledStatuses(q, id, 1);
    expect(statuses[0]).toMatchObject({ status: 'deleted', status_code: 200, retried: 1 });
    expect(urls).toContain(statuses[0].url);
    expect(subscriber.received).toHaveLength(1);
  });

  it('a message every subscriber took reads as status "deleted" and is out of size', async ({ onTestFinished }) => {
    const q = v1.tempQueue(onTestFinished, 'push-delivered');
    const subscriber = await subscriberFor(onTestFinished);
    await v1.updateOrThrow(q, { subscribers: [{ url: subscriber.url('/ok') }] });
    const [id] = await v1.postOrThrow(q, ['done']);
    await settledStatuses(q, id, 1);
    expect(await v1.queueOrThrow(q)).toMatchObject({ size: 0, total_messages: 1 });
    const res = await v1.request('GET', v1.paths.message(q, id));
    expectJson(res, 200);
    expect(res.body).toMatchObject({ id, body: 'done', status: 'deleted' });
  });
});

describe.concurrent('the push request of a v1 queue', () => {
  it('carries the body and the v1 headers; DELETE on Iron-Subscriber-Message-Url acknowledges', async ({
    onTestFinished,
  }) => {
    const q = v1.tempQueue(onTestFinished, 'push-headers');
    const subscriber = await subscriberFor(onTestFinished, { '/accepted': 202 });
    await v1.updateOrThrow(q, { subscribers: [{ url: subscriber.url('/accepted') }] });
    const [id] = await v1.postOrThrow(q, [{ body: 'payload', timeout: 30 }]);
    const [push] = await eventually(async () => subscriber.received.slice(), (list) => list.length === 1);
    expect(push).toMatchObject({ method: 'POST', body: 'payload' });
    expect(push.headers['user-agent']).toBe('IronMQ Pusherd');
    expect(push.headers['content-type']).toBe('text/plain; encoding=utf-8');
    expect(push.headers['iron-message-id']).toBe(id);

    // §4.8.3, §4.8.5, §5.3: v1 subscribers get a per-subscriber id and an ack URL on the v1 path.
    const [status] = await settledStatuses(q, id, 1);
    expect(push.headers['iron-subscriber-message-id']).toBe(status.id);
    const ackUrl = new URL(String(push.headers['iron-subscriber-message-url']));
    expect(ackUrl.pathname).toBe(v1.paths.pushStatus(q, id, status.id));
    expectJson(await v1.request('DELETE', `${ackUrl.pathname}${ackUrl.search}`), 200, { msg: 'Deleted' });
    expect((await settledStatuses(q, id, 1))[0].status).toBe('deleted');
  });
});
