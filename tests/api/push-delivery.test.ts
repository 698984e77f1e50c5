// Push delivery to real subscribers on 127.0.0.1 (docs/api.md §4.8): what a multicast and a
// unicast push request carries (§4.8.3), the statuses it leaves (§3.11), the 202 acknowledgement
// flow (§4.8.5, scenario 12), ironmq:/// fan-out (§4.8.4) and the webhook (§3.3).
import { describe, expect, it } from 'vitest';
import { RESERVATION_ID, expectJson, expectMsg, sleep, uniqueQueueName, useApiServer } from '../helpers/api';
import {
  RFC3339,
  createPushQueueOrThrow,
  eventually,
  onlyStatus,
  statusesOrThrow,
  tempServer,
  waitForStatuses,
  type WirePushStatus,
} from '../helpers/push-api';
import { tempSubscriber, type ReceivedPush } from '../helpers/push-subscriber';

const api = useApiServer();

const byName = (statuses: WirePushStatus[]) => Object.fromEntries(statuses.map((s) => [s.name, s]));

/** The DELETE a subscriber sends to acknowledge a 202 (§4.8.5), with the headers it was given. */
function acknowledge(q: string, push: ReceivedPush, changes: Record<string, unknown> = {}) {
  const body = { reservation_id: push.reservationId, subscriber_name: push.headers['iron-subscriber-name'], ...changes };
  return api.request('DELETE', api.paths.message(q, push.messageId), { json: body });
}

describe.concurrent('multicast delivery (§4.8.1, §4.8.3)', () => {
  it('every subscriber gets the raw body once, with the Iron-* headers, subscriber headers and push headers', async ({ onTestFinished }) => {
    const [alpha, beta, gamma] = await Promise.all([
      tempSubscriber(onTestFinished),
      tempSubscriber(onTestFinished, undefined, '/hook?token=abc'),
      tempSubscriber(onTestFinished),
    ]);
    const q = api.tempQueue(onTestFinished, 'multicast');
    await createPushQueueOrThrow(api, q, [
      // Iron-* headers of a subscriber must not replace the real ones, whatever their case.
      { name: 'alpha', url: alpha.url, headers: { 'X-Sub': 'from-sub', 'X-Both': 'from-sub', 'Iron-Message-Id': 'forged', 'iron-subscriber-name': 'forged', 'IRON-RESERVATION-ID': 'forged' } },
      { name: 'beta', url: beta.url },
      // User-Agent and Content-Type are the two defaults a subscriber may override.
      { name: 'gamma', url: gamma.url, headers: { 'Content-Type': 'application/json', 'user-agent': 'Custom/1.0' } },
    ]);
    const body = 'héllo {"raw": true}\nline two';
    const [id] = await api.postOrThrow(q, [{ body, push_headers: { 'X-Both': 'from-push', 'x-push': 'p' } }]);

    const statuses = await waitForStatuses(api, q, id);
    const pushes = { alpha: alpha.pushes, beta: beta.pushes, gamma: gamma.pushes };
    for (const [name, received] of Object.entries(pushes)) {
      expect(received, name).toHaveLength(1);
      const [push] = received;
      expect(push.method).toBe('POST');
      expect(push.body).toBe(body);
      expect(push.headers['content-length']).toBe(String(Buffer.byteLength(body)));
      expect(push.headers['iron-message-id']).toBe(id);
      expect(push.headers['iron-reservation-id']).toMatch(RESERVATION_ID);
      expect(push.headers['iron-subscriber-name']).toBe(name);
      expect(push.headers['x-push']).toBe('p');
      const ackUrl = new URL(String(push.headers['iron-subscriber-message-url']));
      expect(ackUrl.origin).toBe(api.server.url);
      expect(ackUrl.pathname).toBe(`/3/projects/${api.server.projectId}/queues/${q}/messages/${id}`);
      expect(ackUrl.searchParams.get('reservation_id')).toBe(push.reservationId);
      expect(ackUrl.searchParams.get('subscriber_name')).toBe(name);
    }
    expect(beta.pushes[0].path).toBe('/hook?token=abc');
    expect(new Set([alpha, beta, gamma].map((s) => s.pushes[0].reservationId)).size).toBe(3);
    expect(alpha.pushes[0].headers).toMatchObject({
      'user-agent': 'IronMQ Pusherd',
      'content-type': 'text/plain; encoding=utf-8',
      'x-sub': 'from-sub',
      // A push header wins over a subscriber header of the same name.
      'x-both': 'from-push',
    });
    expect(beta.pushes[0].headers).toMatchObject({ 'user-agent': 'IronMQ Pusherd', 'content-type': 'text/plain; encoding=utf-8', 'x-both': 'from-push' });
    expect(beta.pushes[0].headers).not.toHaveProperty('x-sub');
    expect(gamma.pushes[0].headers).toMatchObject({ 'user-agent': 'Custom/1.0', 'content-type': 'application/json' });

    const urls = { alpha: alpha.url, beta: beta.url, gamma: gamma.url };
    for (const status of statuses) {
      expect(status).toEqual({
        name: status.name,
        url: urls[status.name as keyof typeof urls],
        status: 'deleted',
        status_code: 200,
        tries: 1,
        retries_remaining: 2,
        retries_delay: 60,
        last_try_at: expect.stringMatching(RFC3339),
      });
    }
    expect(statuses.map((s) => s.name)).toEqual(['alpha', 'beta', 'gamma']);
  });

  it('size drops to 0 once every delivery ended; the message stays readable; total_messages counts it', async ({ onTestFinished }) => {
    const subscriber = await tempSubscriber(onTestFinished);
    const q = api.tempQueue(onTestFinished, 'push-size');
    await createPushQueueOrThrow(api, q, [{ name: 's', url: subscriber.url }]);
    const ids = await api.postOrThrow(q, ['one', 'two', 'three']);
    for (const id of ids) await waitForStatuses(api, q, id);
    expect(await api.queueOrThrow(q)).toMatchObject({ size: 0, total_messages: 3 });
    for (const [i, id] of ids.entries()) {
      expectJson(await api.getMessage(q, id), 200, { message: { id, body: ['one', 'two', 'three'][i], reserved_count: 0 } });
    }
    expect(subscriber.pushes.map((p) => p.body).sort()).toEqual(['one', 'three', 'two']);
  });

  it('before the first attempt a status is queued, status_code 0, tries 0 (a delayed message)', async ({ onTestFinished }) => {
    const subscriber = await tempSubscriber(onTestFinished);
    const q = api.tempQueue(onTestFinished, 'push-queued');
    await createPushQueueOrThrow(api, q, [{ name: 's', url: subscriber.url }]);
    const postedAtMs = Date.now();
    const [id] = await api.postOrThrow(q, [{ body: 'later', delay: 2 }]);
    expect(await statusesOrThrow(api, q, id)).toEqual([
      { name: 's', url: subscriber.url, status: 'queued', status_code: 0, tries: 0, retries_remaining: 3, retries_delay: 60 },
    ]);
    expect(await api.sizeOrThrow(q)).toBe(1);
    const [push] = await subscriber.waitForPushes(1, 10_000);
    expect(push.receivedAtMs - postedAtMs).toBeGreaterThanOrEqual(1_900);
    expect(onlyStatus(await waitForStatuses(api, q, id))).toMatchObject({ status: 'deleted', status_code: 200, tries: 1 });
    expect(await api.sizeOrThrow(q)).toBe(0);
  });

  it('framing headers among subscriber headers are refused, or do not break the request', async ({ onTestFinished }) => {
    const subscriber = await tempSubscriber(onTestFinished);
    const q = api.tempQueue(onTestFinished, 'push-framing');
    const headers = { 'Transfer-Encoding': 'chunked', 'Content-Length': '1', Host: 'elsewhere.example', Connection: 'close' };
    const res = await api.createQueue(q, { push: { subscribers: [{ name: 's', url: subscriber.url, headers }], retries: 1 } });
    if (res.status !== 200) return expectMsg(res, 400, /header/i);
    const [id] = await api.postOrThrow(q, ['framed']);
    expect(onlyStatus(await waitForStatuses(api, q, id))).toMatchObject({ status: 'deleted', status_code: 200 });
    expect(subscriber.pushes.map((p) => p.body)).toEqual(['framed']);
  });

  it('other 2xx answers (201, 204) count as delivered', async ({ onTestFinished }) => {
    const created = await tempSubscriber(onTestFinished, () => 201);
    const empty = await tempSubscriber(onTestFinished, () => 204);
    const q = api.tempQueue(onTestFinished, 'push-2xx');
    await createPushQueueOrThrow(api, q, [{ name: 'created', url: created.url }, { name: 'empty', url: empty.url }]);
    const [id] = await api.postOrThrow(q, ['b']);
    const statuses = byName(await waitForStatuses(api, q, id));
    expect(statuses.created).toMatchObject({ status: 'deleted', status_code: 201, tries: 1 });
    expect(statuses.empty).toMatchObject({ status: 'deleted', status_code: 204, tries: 1 });
  });

  it('messages posted in one request are each pushed once, bodies intact', async ({ onTestFinished }) => {
    const subscriber = await tempSubscriber(onTestFinished);
    const q = api.tempQueue(onTestFinished, 'push-batch');
    await createPushQueueOrThrow(api, q, [{ name: 's', url: subscriber.url }]);
    const bodies = Array.from({ length: 50 }, (_, i) => `batch-${i}`);
    const ids = await api.postOrThrow(q, bodies);
    await subscriber.waitForPushes(50);
    await eventually(() => api.sizeOrThrow(q), (size) => size === 0, 10_000, 'size 0');
    const seen = new Map(subscriber.pushes.map((p) => [p.messageId, p.body]));
    expect(seen.size).toBe(50);
    for (const [i, id] of ids.entries()) expect(seen.get(id)).toBe(bodies[i]);
  });

  it('a slow subscriber with more messages than it may take at once: each pushed once, tried once', async ({ onTestFinished }) => {
    const subscriber = await tempSubscriber(onTestFinished, () => ({ status: 200, delayMs: 300 }));
    const q = api.tempQueue(onTestFinished, 'push-backlog');
    await createPushQueueOrThrow(api, q, [{ name: 's', url: subscriber.url }], { retries_delay: 3 });
    const ids = await api.postOrThrow(q, Array.from({ length: 100 }, (_, i) => `slow-${i}`));
    await subscriber.waitForPushes(100, 20_000);
    await eventually(() => api.sizeOrThrow(q), (size) => size === 0, 10_000, 'size 0');
    expect(new Set(subscriber.pushes.map((p) => p.messageId)).size).toBe(100);
    // Attempts handed back while the subscriber was busy are not failed tries.
    for (const id of ids.slice(-10)) expect(onlyStatus(await statusesOrThrow(api, q, id))).toMatchObject({ status: 'deleted', tries: 1 });
    expect(subscriber.pushes).toHaveLength(100);
  });
});

describe.concurrent('FERRO_PUBLIC_URL', () => {
  it('is the base of Iron-Subscriber-Message-Url', async ({ onTestFinished }) => {
    const client = await tempServer(onTestFinished, { FERRO_PUBLIC_URL: 'https://mq.example.test:8443' });
    const subscriber = await tempSubscriber(onTestFinished);
    const q = uniqueQueueName('public-url');
    await createPushQueueOrThrow(client, q, [{ name: 's', url: subscriber.url }]);
    const [id] = await client.postOrThrow(q, ['x']);
    const [push] = await subscriber.waitForPushes(1);
    const ackUrl = new URL(String(push.headers['iron-subscriber-message-url']));
    expect(ackUrl.origin).toBe('https://mq.example.test:8443');
    expect(ackUrl.pathname).toBe(`/3/projects/${client.server.projectId}/queues/${q}/messages/${id}`);
  });
});

describe.concurrent('unicast delivery (§4.8.1)', () => {
  it('each message goes to exactly one subscriber; the others stay queued', async ({ onTestFinished }) => {
    const [one, two] = await Promise.all([tempSubscriber(onTestFinished), tempSubscriber(onTestFinished)]);
    const q = api.tempQueue(onTestFinished, 'unicast');
    await createPushQueueOrThrow(api, q, [{ name: 'one', url: one.url }, { name: 'two', url: two.url }], { type: 'unicast' });
    const ids = await api.postOrThrow(q, ['a', 'b', 'c', 'd', 'e', 'f']);
    await eventually(() => api.sizeOrThrow(q), (size) => size === 0, 10_000, 'size 0');
    await sleep(300);
    const all = [...one.pushes, ...two.pushes];
    expect(all.map((p) => p.messageId).sort()).toEqual([...ids].sort());
    for (const id of ids) {
      const statuses = await statusesOrThrow(api, q, id);
      expect(statuses.map((s) => s.name)).toEqual(['one', 'two']);
      const delivered = statuses.filter((s) => s.status === 'deleted');
      expect(delivered, id).toHaveLength(1);
      expect(delivered[0]).toMatchObject({ status_code: 200, tries: 1 });
      expect(statuses.find((s) => s !== delivered[0])).toMatchObject({ status: 'queued', status_code: 0, tries: 0 });
    }
  });

  it('after a failure the next subscriber is tried at once, not after retries_delay', async ({ onTestFinished }) => {
    const broken = await tempSubscriber(onTestFinished, () => 500);
    const healthy = await tempSubscriber(onTestFinished);
    const q = api.tempQueue(onTestFinished, 'unicast-failover');
    await createPushQueueOrThrow(api, q, [{ name: 'broken', url: broken.url }, { name: 'healthy', url: healthy.url }], { type: 'unicast', retries_delay: 30 });
    const postedAtMs = Date.now();
    const ids = await api.postOrThrow(q, ['a', 'b', 'c', 'd']);
    await healthy.waitForPushes(4, 5_000);
    expect(healthy.pushes.map((p) => p.messageId).sort()).toEqual([...ids].sort());
    for (const push of healthy.pushes) expect(push.receivedAtMs - postedAtMs).toBeLessThan(3_000);
    // Some messages were offered to the broken one first (id order decides who is first).
    expect(broken.pushes.length).toBeGreaterThan(0);
    for (const id of ids) {
      const statuses = byName(await waitForStatuses(api, q, id, (list) => list.some((s) => s.status === 'deleted')));
      expect(statuses.healthy).toMatchObject({ status: 'deleted', status_code: 200, tries: 1 });
      const wasTried = broken.pushesOf(id).length > 0;
      expect(statuses.broken).toMatchObject(wasTried ? { status: 'retrying', status_code: 500, tries: 1 } : { status: 'queued', tries: 0 });
    }
    expect(await api.sizeOrThrow(q)).toBe(0);
  });

  it('when every subscriber fails, a new round starts after retries_delay; then error', async ({ onTestFinished }) => {
    const first = await tempSubscriber(onTestFinished, () => 500);
    const second = await tempSubscriber(onTestFinished, () => 503);
    const q = api.tempQueue(onTestFinished, 'unicast-rounds');
    await createPushQueueOrThrow(api, q, [{ name: 'first', url: first.url }, { name: 'second', url: second.url }], { type: 'unicast', retries: 2, retries_delay: 3 });
    const [id] = await api.postOrThrow(q, ['nobody wants me']);
    const statuses = byName(await waitForStatuses(api, q, id, undefined, 20_000));
    expect(statuses.first).toMatchObject({ status: 'error', status_code: 500, tries: 2, retries_remaining: 0 });
    expect(statuses.second).toMatchObject({ status: 'error', status_code: 503, tries: 2, retries_remaining: 0 });
    const times = [...first.pushes, ...second.pushes].map((p) => p.receivedAtMs).sort((a, b) => a - b);
    expect(times).toHaveLength(4);
    expect(times[1] - times[0], 'second subscriber of a round is tried at once').toBeLessThan(1_000);
    expect(times[2] - times[1], 'the next round waits retries_delay').toBeGreaterThanOrEqual(2_900);
    expect(times[3] - times[2]).toBeLessThan(1_000);
    expect(await api.sizeOrThrow(q)).toBe(0);
  });
});

describe.concurrent('202 and acknowledgement (§4.8.5, scenario 12)', () => {
  it('202 → reserved with status_code 202; wrong or missing reservation → 403; the right one → deleted', async ({ onTestFinished }) => {
    const subscriber = await tempSubscriber(onTestFinished, () => 202);
    const q = api.tempQueue(onTestFinished, 'ack-body');
    await createPushQueueOrThrow(api, q, [{ name: 'worker', url: subscriber.url }], { retries_delay: 30 });
    const [id] = await api.postOrThrow(q, ['work']);
    const [push] = await subscriber.waitForPushes(1);
    const reserved = onlyStatus(await waitForStatuses(api, q, id, (list) => list[0]?.status_code !== 0));
    expect(reserved).toMatchObject({ status: 'reserved', status_code: 202, tries: 1, retries_remaining: 2 });
    expect(await api.sizeOrThrow(q)).toBe(1);

    expectMsg(await acknowledge(q, push, { reservation_id: 'f'.repeat(32) }), 403, 'Reservation timed out');
    expectMsg(await acknowledge(q, push, { reservation_id: undefined }), 403, 'Reservation timed out');
    expectMsg(await acknowledge(q, push, { subscriber_name: 'someone-else' }), 404, 'Message not found');
    expect(onlyStatus(await statusesOrThrow(api, q, id)).status).toBe('reserved');

    expectMsg(await acknowledge(q, push), 200, 'Deleted');
    expect(onlyStatus(await statusesOrThrow(api, q, id))).toMatchObject({ status: 'deleted', tries: 1 });
    expect(await api.sizeOrThrow(q)).toBe(0);
    // Acknowledged once is enough: a second ack finds nothing to acknowledge.
    expectMsg(await acknowledge(q, push), 403, 'Reservation timed out');
    expectJson(await api.getMessage(q, id), 200, { message: { id, body: 'work', reserved_count: 0 } });
    await sleep(200);
    expect(subscriber.pushes).toHaveLength(1);
  });

  it('a DELETE to Iron-Subscriber-Message-Url with the auth header acknowledges (queue name with a space)', async ({ onTestFinished }) => {
    const subscriber = await tempSubscriber(onTestFinished, () => 202);
    const q = api.tempQueue(onTestFinished, 'ack url+');
    await createPushQueueOrThrow(api, q, [{ name: 'worker', url: subscriber.url }], { retries_delay: 30 });
    const [id] = await api.postOrThrow(q, ['work']);
    const [push] = await subscriber.waitForPushes(1);
    await waitForStatuses(api, q, id, (list) => list[0]?.status === 'reserved');
    const ackUrl = new URL(String(push.headers['iron-subscriber-message-url']));
    expect(decodeURIComponent(ackUrl.pathname.split('/')[5]), 'the queue name is the 6th path segment').toBe(q);
    const target = `${ackUrl.pathname}${ackUrl.search}`;
    expectMsg(await api.request('DELETE', target, { token: null }), 401, /\S/);
    expectMsg(await api.request('DELETE', target), 200, 'Deleted');
    expect(onlyStatus(await statusesOrThrow(api, q, id)).status).toBe('deleted');
    expect(await api.sizeOrThrow(q)).toBe(0);
  });

  it('an unnamed subscriber is named by its url, and acknowledges by it', async ({ onTestFinished }) => {
    const subscriber = await tempSubscriber(onTestFinished, () => 202, '/anonymous?key=1');
    const q = api.tempQueue(onTestFinished, 'ack-unnamed');
    await createPushQueueOrThrow(api, q, [{ url: subscriber.url }], { retries_delay: 30 });
    const [id] = await api.postOrThrow(q, ['who am i']);
    const [push] = await subscriber.waitForPushes(1);
    expect(push.headers['iron-subscriber-name']).toBe(subscriber.url);
    const reserved = onlyStatus(await waitForStatuses(api, q, id, (list) => list[0]?.status === 'reserved'));
    expect(reserved).toMatchObject({ url: subscriber.url, status_code: 202 });
    const ackUrl = new URL(String(push.headers['iron-subscriber-message-url']));
    expect(ackUrl.searchParams.get('subscriber_name')).toBe(subscriber.url);
    expectMsg(await api.request('DELETE', `${ackUrl.pathname}${ackUrl.search}`), 200, 'Deleted');
    expect(onlyStatus(await statusesOrThrow(api, q, id)).status).toBe('deleted');
  });

  it('no acknowledgement within retries_delay: retried with a new reservation; the old one is refused', async ({ onTestFinished }) => {
    const subscriber = await tempSubscriber(onTestFinished, () => 202);
    const q = api.tempQueue(onTestFinished, 'ack-timeout');
    await createPushQueueOrThrow(api, q, [{ name: 'worker', url: subscriber.url }], { retries: 2, retries_delay: 3 });
    const [id] = await api.postOrThrow(q, ['work']);
    const [first, second] = await subscriber.waitForPushes(2, 15_000);
    expect(second.receivedAtMs - first.receivedAtMs).toBeGreaterThanOrEqual(2_900);
    expect(second.messageId).toBe(id);
    expect(second.reservationId).not.toBe(first.reservationId);
    expect(onlyStatus(await waitForStatuses(api, q, id, (list) => list[0]?.tries === 2 && list[0].status === 'reserved'))).toMatchObject({
      status_code: 202,
      retries_remaining: 0,
    });
    expectMsg(await acknowledge(q, first), 403, 'Reservation timed out');
    expectMsg(await acknowledge(q, second), 200, 'Deleted');
    expect(onlyStatus(await statusesOrThrow(api, q, id))).toMatchObject({ status: 'deleted', tries: 2 });
    expect(await api.sizeOrThrow(q)).toBe(0);
  });

  it('multicast: the message stays in the queue until the 202 subscriber acknowledges', async ({ onTestFinished }) => {
    const quick = await tempSubscriber(onTestFinished);
    const deferred = await tempSubscriber(onTestFinished, () => 202);
    const q = api.tempQueue(onTestFinished, 'ack-multicast');
    await createPushQueueOrThrow(api, q, [{ name: 'quick', url: quick.url }, { name: 'deferred', url: deferred.url }], { retries_delay: 30 });
    const [id] = await api.postOrThrow(q, ['both']);
    const [push] = await deferred.waitForPushes(1);
    const statuses = byName(await waitForStatuses(api, q, id, (list) => list.every((s) => s.status_code !== 0)));
    expect(statuses.quick).toMatchObject({ status: 'deleted', status_code: 200 });
    expect(statuses.deferred).toMatchObject({ status: 'reserved', status_code: 202 });
    expect(await api.sizeOrThrow(q)).toBe(1);
    expectMsg(await acknowledge(q, push), 200, 'Deleted');
    expect((await statusesOrThrow(api, q, id)).map((s) => s.status)).toEqual(['deleted', 'deleted']);
    expect(await api.sizeOrThrow(q)).toBe(0);
  });
});

describe.concurrent('ironmq:/// subscribers (§4.8.4)', () => {
  it('ironmq:///other posts the body into queue `other`, created as a pull queue', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'fan-out');
    const other = api.tempQueue(onTestFinished, 'fan-out-target');
    const local = await tempSubscriber(onTestFinished);
    await createPushQueueOrThrow(api, q, [{ name: 'copy', url: `ironmq:///${other}` }, { name: 'http', url: local.url }]);
    const [id] = await api.postOrThrow(q, ['fanned {"out": 1}']);
    const statuses = byName(await waitForStatuses(api, q, id));
    expect(statuses.copy).toMatchObject({ status: 'deleted', status_code: 200, tries: 1, url: `ironmq:///${other}` });
    expect(statuses.http).toMatchObject({ status: 'deleted', status_code: 200 });
    expect(await api.queueOrThrow(other)).toMatchObject({ type: 'pull', size: 1 });
    expect((await api.peekOrThrow(other, 10)).map((m) => m.body)).toEqual(['fanned {"out": 1}']);
  });

  it('an ironmq:/// subscriber naming its own queue is refused, or at least does not multiply a post', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'fan-out-self');
    const res = await api.createQueue(q, { push: { subscribers: [{ name: 'self', url: `ironmq:///${q}` }] } });
    if (res.status !== 200) return expectMsg(res, 400, /\S/);
    await api.postOrThrow(q, ['echo']);
    await sleep(1_000);
    const { total_messages: total } = await api.queueOrThrow(q);
    await api.deleteQueue(q);
    expect(total, 'messages created by one post to a queue pushing into itself').toBeLessThanOrEqual(2);
  });

  it('a cycle of ironmq:/// subscribers through two queues is refused, or at least does not multiply a post', async ({ onTestFinished }) => {
    const first = api.tempQueue(onTestFinished, 'fan-out-cycle-a');
    const second = api.tempQueue(onTestFinished, 'fan-out-cycle-b');
    await createPushQueueOrThrow(api, first, [{ name: 'next', url: `ironmq:///${second}` }]);
    const res = await api.createQueue(second, { push: { subscribers: [{ name: 'back', url: `ironmq:///${first}` }] } });
    if (res.status !== 200) return expectMsg(res, 400, /\S/);
    await api.postOrThrow(first, ['round and round']);
    await sleep(1_000);
    const [a, b] = [await api.queueOrThrow(first), await api.queueOrThrow(second)];
    await Promise.all([api.deleteQueue(first), api.deleteQueue(second)]);
    expect(a.total_messages + b.total_messages, 'messages created by one post into a two-queue cycle').toBeLessThanOrEqual(4);
  });
});

describe.concurrent('webhook (§3.3)', () => {
  const webhookPath = (q: string, token: string) => `${api.paths.queue(q)}/webhook?oauth=${encodeURIComponent(token)}`;

  it('the raw body becomes one message; auth by ?oauth=; the queue is created', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'webhook-new');
    const raw = '{"this": "is not parsed"} & neither is this';
    const res = await api.request('POST', webhookPath(q, api.server.token), { raw, token: null, headers: { 'Content-Type': 'application/x-www-form-urlencoded' } });
    expectJson(res, 201);
    expect(res.body.msg).toBe('Messages put on queue.');
    expect(res.body.ids).toHaveLength(1);
    expect(await api.queueOrThrow(q)).toMatchObject({ type: 'pull', size: 1, total_messages: 1 });
    expectJson(await api.getMessage(q, res.body.ids[0]), 200, { message: { id: res.body.ids[0], body: raw, reserved_count: 0 } });
    expectMsg(await api.request('POST', webhookPath(q, 'wrong-token-123'), { raw, token: null }), 401, /\S/);
    expect(await api.sizeOrThrow(q)).toBe(1);
  });

  it('X-Subscribers-<Name> headers become push headers; forbidden ones are dropped silently', async ({ onTestFinished }) => {
    const subscriber = await tempSubscriber(onTestFinished);
    const q = api.tempQueue(onTestFinished, 'webhook-push');
    await createPushQueueOrThrow(api, q, [{ name: 's', url: subscriber.url }]);
    const res = await api.request('POST', webhookPath(q, api.server.token), {
      raw: 'from a webhook',
      token: null,
      headers: {
        'Content-Type': 'text/plain',
        'X-Subscribers-Foo': 'bar',
        'X-Subscribers-Content-Type': 'application/evil',
        'X-Subscribers-Iron-Message-Id': 'forged',
        'X-Subscribers-Empty': '',
        'X-Other': 'not forwarded',
      },
    });
    expectJson(res, 201);
    const [push] = await subscriber.waitForPushes(1);
    expect(push.body).toBe('from a webhook');
    expect(push.headers.foo).toBe('bar');
    expect(push.headers['content-type']).toBe('text/plain; encoding=utf-8');
    expect(push.headers['iron-message-id']).toBe(res.body.ids[0]);
    expect(push.headers).not.toHaveProperty('x-other');
    expect(push.headers).not.toHaveProperty('empty');
    expect(onlyStatus(await waitForStatuses(api, q, res.body.ids[0])).status).toBe('deleted');
  });

  it('the v1-style path …/messages/webhook works too', async ({ onTestFinished }) => {
    const q = api.tempQueue(onTestFinished, 'webhook-old');
    const res = await api.request('POST', `${api.paths.queue(q)}/messages/webhook?oauth=${api.server.token}`, { raw: 'old path', token: null });
    expectJson(res, 201);
    expect((await api.peekOrThrow(q)).map((m) => m.body)).toEqual(['old path']);
  });
});
