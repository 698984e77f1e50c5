// Push durability under kill -9: delivery state lives in the database, so a SIGKILL at any moment
// — between retries, or while requests are in flight to a slow subscriber — loses no message and
// leaves none unfinished after a restart. An attempt cut short counts as a try and the next one
// carries a new reservation id: no subscriber sees the same attempt (reservation id) twice.
import { describe, expect, it } from 'vitest';
import { ApiClient, expectJson, sleep, uniqueQueueName } from './helpers/api';
import { createPushQueueOrThrow, eventually, statusesOrThrow } from './helpers/push-api';
import { failingTimes, tempSubscriber, type Subscriber } from './helpers/push-subscriber';
import { startServer, type TestServer } from './helpers/server';

type OnFinished = (fn: () => Promise<void>) => void;

async function pushServer(onTestFinished: OnFinished, pushTimeoutMs: number): Promise<{ server: TestServer; api: ApiClient }> {
  const server = await startServer({ env: { FERRO_PUSH_TIMEOUT_MS: String(pushTimeoutMs) } });
  onTestFinished(() => server.stop());
  return { server, api: new ApiClient(() => server) };
}

/** Posts `count` uniquely named messages in batches of 20; returns id → body of the acknowledged posts. */
async function postMany(api: ApiClient, q: string, label: string, count: number): Promise<Map<string, string>> {
  const posted = new Map<string, string>();
  for (let start = 0; start < count; start += 20) {
    const bodies = Array.from({ length: Math.min(20, count - start) }, (_, i) => `${label}-${start + i}`);
    const ids = await api.postOrThrow(q, bodies);
    ids.forEach((id, i) => posted.set(id, bodies[i]));
  }
  return posted;
}

async function killAndRestart(server: TestServer): Promise<void> {
  await server.kill();
  await server.restart();
}

/**
 * What must hold once the queue has drained: every posted message is readable and `deleted`,
 * the subscriber got its body each time, no reservation id twice, never more pushes than tries.
 */
async function expectAllDelivered(api: ApiClient, q: string, posted: Map<string, string>, subscriber: Subscriber): Promise<Map<string, number>> {
  await eventually(() => api.sizeOrThrow(q), (size) => size === 0, 60_000, `queue ${q} drained`);
  expect(await api.queueOrThrow(q)).toMatchObject({ size: 0, total_messages: posted.size });

  const reservations = new Map<string, string>();
  for (const push of subscriber.pushes) {
    expect(reservations.has(push.reservationId), `reservation ${push.reservationId} seen twice`).toBe(false);
    reservations.set(push.reservationId, push.messageId);
    expect(posted.get(push.messageId), `push of an unknown message ${push.messageId}`).toBe(push.body);
  }

  const triesById = new Map<string, number>();
  for (const [id, body] of posted) {
    expectJson(await api.getMessage(q, id), 200, { message: { id, body, reserved_count: 0 } });
    const [status] = await statusesOrThrow(api, q, id);
    expect(status, id).toMatchObject({ status: 'deleted', status_code: 200 });
    expect(subscriber.pushesOf(id).length, `pushes of ${id} never exceed its counted tries`).toBeLessThanOrEqual(status.tries);
    triesById.set(id, status.tries);
  }
  // A delivered message is never pushed again: nothing arrives once everything is final.
  const pushesAtEnd = subscriber.pushes.length;
  await sleep(4_000);
  expect(subscriber.pushes.length).toBe(pushesAtEnd);
  return triesById;
}

describe.concurrent('push queues survive kill -9', () => {
  it('between and during retries of a subscriber that fails the first two attempts', { timeout: 120_000 }, async ({ onTestFinished }) => {
    const subscriber = await tempSubscriber(onTestFinished, failingTimes(2, 500));
    const { server, api } = await pushServer(onTestFinished, 2_000);
    const q = uniqueQueueName('durable-retries');
    await createPushQueueOrThrow(api, q, [{ name: 'flaky', url: subscriber.url }], { retries: 8, retries_delay: 3 });

    const posted = await postMany(api, q, 'first', 200);
    await subscriber.waitForPushes(150);
    await killAndRestart(server);

    for (const [id, body] of await postMany(api, q, 'second', 200)) posted.set(id, body);
    // Crash again while second attempts are being made.
    const isRetry = (id: string) => subscriber.pushesOf(id).length >= 2;
    await eventually(async () => [...posted.keys()].filter(isRetry).length, (n) => n >= 100, 30_000, 'retries under way');
    await killAndRestart(server);

    const tries = await expectAllDelivered(api, q, posted, subscriber);
    for (const [id, count] of tries) expect(count, id).toBeGreaterThanOrEqual(3);
  });

  it('while requests are in flight to a slow subscriber', { timeout: 120_000 }, async ({ onTestFinished }) => {
    const subscriber = await tempSubscriber(onTestFinished, () => ({ status: 200, delayMs: 1_000 }));
    const { server, api } = await pushServer(onTestFinished, 3_000);
    const q = uniqueQueueName('durable-in-flight');
    await createPushQueueOrThrow(api, q, [{ name: 'slow', url: subscriber.url }], { retries: 5, retries_delay: 3 });

    const posted = await postMany(api, q, 'slow', 60);
    await eventually(async () => subscriber.pendingCount(), (n) => n >= 20, 10_000, 'requests in flight');
    const cutShort = new Set(subscriber.pushes.filter((p) => Date.now() - p.receivedAtMs < 900).map((p) => p.messageId));
    await killAndRestart(server);

    const tries = await expectAllDelivered(api, q, posted, subscriber);
    expect(cutShort.size).toBeGreaterThanOrEqual(20);
    for (const id of cutShort) {
      // The attempt cut short counted as a try; the next one came with a new reservation id.
      expect(tries.get(id), id).toBeGreaterThanOrEqual(2);
      expect(subscriber.pushesOf(id).length, id).toBeGreaterThanOrEqual(2);
    }
  });
});
