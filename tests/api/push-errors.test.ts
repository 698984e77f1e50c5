// Failed pushes (docs/api.md §4.8.2, §4.8.6, scenario 11): retries `retries_delay` apart, the
// error status and the error-queue report, and every way a real subscriber can fail — an error
// status, a redirect (never followed), a dropped connection, an answer slower than
// FERRO_PUSH_TIMEOUT_MS — plus an address denied by FERRO_PUSH_DENY (§ address policy).
import { describe, expect, it } from 'vitest';
import { expectJson, sleep, uniqueQueueName, useApiServer, type ApiClient } from '../helpers/api';
import { createPushQueueOrThrow, onlyStatus, statusesOrThrow, tempServer, waitForStatuses, type WirePushStatus } from '../helpers/push-api';
import { failingTimes, tempSubscriber, type Script } from '../helpers/push-subscriber';

const api = useApiServer();

const byName = (statuses: WirePushStatus[]) => Object.fromEntries(statuses.map((s) => [s.name, s]));

/** The parsed error reports in an error queue, oldest first. */
async function errorReports(client: ApiClient, errorQueue: string): Promise<Array<Record<string, any>>> {
  return (await client.peekOrThrow(errorQueue, 100)).map((m) => JSON.parse(m.body));
}

describe.concurrent('retries (scenario 11)', () => {
  it('failing twice then succeeding with retries 3, retries_delay 3 → deleted, retries_remaining 0', async ({ onTestFinished }) => {
    const subscriber = await tempSubscriber(onTestFinished, failingTimes(2, 503));
    const q = api.tempQueue(onTestFinished, 'retry-then-ok');
    await createPushQueueOrThrow(api, q, [{ name: 'flaky', url: subscriber.url }], { retries: 3, retries_delay: 3 });
    const [id] = await api.postOrThrow(q, ['try me']);

    const retrying = onlyStatus(await waitForStatuses(api, q, id, (list) => list[0]?.tries === 1));
    expect(retrying).toMatchObject({ status: 'retrying', status_code: 503, tries: 1, retries_remaining: 2, retries_delay: 3 });
    expect(retrying.msg).toMatch(/503/);
    expect(await api.sizeOrThrow(q)).toBe(1);

    const final = onlyStatus(await waitForStatuses(api, q, id, undefined, 20_000));
    expect(final).toMatchObject({ status: 'deleted', status_code: 200, tries: 3, retries_remaining: 0 });
    const pushes = subscriber.pushesOf(id);
    expect(pushes).toHaveLength(3);
    expect(new Set(pushes.map((p) => p.reservationId)).size).toBe(3);
    expect(pushes.every((p) => p.body === 'try me')).toBe(true);
    for (let i = 1; i < 3; i++) {
      const gap = pushes[i].receivedAtMs - pushes[i - 1].receivedAtMs;
      expect(gap, 'retries_delay apart').toBeGreaterThanOrEqual(2_900);
      expect(gap).toBeLessThan(6_000);
    }
    expect(await api.sizeOrThrow(q)).toBe(0);
  });

  it('always failing → error; one error-queue report with source_msg_id, subscribers[0].url/code/msg; a healthy subscriber is not retried', async ({ onTestFinished }) => {
    const broken = await tempSubscriber(onTestFinished, () => 503);
    const healthy = await tempSubscriber(onTestFinished);
    const q = api.tempQueue(onTestFinished, 'always-failing');
    const errorQueue = api.tempQueue(onTestFinished, 'always-failing-errors');
    await createPushQueueOrThrow(api, q, [{ name: 'healthy', url: healthy.url }, { name: 'broken', url: broken.url, headers: { 'X-Sub': 's' } }], {
      retries: 3,
      retries_delay: 3,
      error_queue: errorQueue,
    });
    const [id] = await api.postOrThrow(q, [{ body: 'doomed', push_headers: { 'X-Push': 'p' } }]);

    const midway = byName(await waitForStatuses(api, q, id, (list) => list.every((s) => s.tries >= 1)));
    expect(midway.healthy).toMatchObject({ status: 'deleted', status_code: 200 });
    expect(midway.broken).toMatchObject({ status: 'retrying', status_code: 503 });
    expect(await api.sizeOrThrow(q), 'still in the queue while one delivery goes on').toBe(1);

    const statuses = byName(await waitForStatuses(api, q, id, undefined, 20_000));
    expect(statuses.broken).toMatchObject({ status: 'error', status_code: 503, tries: 3, retries_remaining: 0 });
    expect(statuses.broken.msg).toMatch(/\S/);
    expect(statuses.healthy).toMatchObject({ status: 'deleted', tries: 1, retries_remaining: 2 });
    expect(await api.sizeOrThrow(q)).toBe(0);
    expectJson(await api.getMessage(q, id), 200, { message: { id, body: 'doomed', reserved_count: 0 } });

    const reports = await errorReports(api, errorQueue);
    expect(reports).toHaveLength(1);
    const [report] = reports;
    expect(report.source_msg_id).toBe(id);
    expect(report.body).toBe('doomed');
    expect(report.subscribers).toHaveLength(1);
    expect(report.subscribers[0]).toMatchObject({ name: 'broken', url: broken.url, code: 503 });
    expect(report.subscribers[0].msg).toMatch(/\S/);
    expect(report).toMatchObject({ code: 503, headers: { 'X-Sub': 's', 'X-Push': 'p' } });

    await sleep(3_500);
    expect(broken.pushesOf(id), 'no attempt after the last').toHaveLength(3);
    expect(healthy.pushesOf(id), 'a delivered subscriber is not pushed again').toHaveLength(1);
    expect(await errorReports(api, errorQueue)).toHaveLength(1);
  });

  it('retries 1 means one attempt: error at once, no retry', async ({ onTestFinished }) => {
    const subscriber = await tempSubscriber(onTestFinished, () => 500);
    const q = api.tempQueue(onTestFinished, 'one-try');
    await createPushQueueOrThrow(api, q, [{ name: 's', url: subscriber.url }], { retries: 1, retries_delay: 3 });
    const [id] = await api.postOrThrow(q, ['once']);
    expect(onlyStatus(await waitForStatuses(api, q, id, undefined, 5_000))).toMatchObject({ status: 'error', status_code: 500, tries: 1, retries_remaining: 0 });
    await sleep(3_500);
    expect(subscriber.pushes).toHaveLength(1);
  });

  it('a 202 never acknowledged ends in error once retries run out', async ({ onTestFinished }) => {
    const subscriber = await tempSubscriber(onTestFinished, () => 202);
    const q = api.tempQueue(onTestFinished, 'never-acked');
    const errorQueue = api.tempQueue(onTestFinished, 'never-acked-errors');
    await createPushQueueOrThrow(api, q, [{ name: 's', url: subscriber.url }], { retries: 1, retries_delay: 3, error_queue: errorQueue });
    const [id] = await api.postOrThrow(q, ['ignored']);
    expect(onlyStatus(await waitForStatuses(api, q, id, (list) => list[0]?.status === 'reserved'))).toMatchObject({ status_code: 202 });
    const final = onlyStatus(await waitForStatuses(api, q, id, undefined, 10_000));
    expect(final).toMatchObject({ status: 'error', tries: 1, retries_remaining: 0 });
    expect(final.msg).toMatch(/acknowledg/i);
    expect(subscriber.pushes).toHaveLength(1);
    const [report] = await errorReports(api, errorQueue);
    expect(report).toMatchObject({ source_msg_id: id, subscribers: [{ name: 's', url: subscriber.url }] });
    expect(await api.sizeOrThrow(q)).toBe(0);
  });
});

describe.concurrent('ways a subscriber fails', () => {
  it('4xx, 5xx, 302 and 307 (not followed) and a closed connection each count as a failed try', async ({ onTestFinished }) => {
    const target = await tempSubscriber(onTestFinished);
    const scripts: Record<string, Script> = {
      notFound: () => 404,
      serverError: () => 500,
      found: () => ({ status: 302, headers: { Location: target.url } }),
      temporary: () => ({ status: 307, headers: { Location: target.url } }),
      hangUp: () => 'close',
    };
    const subscribers = Object.fromEntries(
      await Promise.all(Object.entries(scripts).map(async ([name, script]) => [name, await tempSubscriber(onTestFinished, script)] as const)),
    );
    const q = api.tempQueue(onTestFinished, 'failures');
    const errorQueue = api.tempQueue(onTestFinished, 'failures-errors');
    await createPushQueueOrThrow(api, q, Object.entries(subscribers).map(([name, s]) => ({ name, url: s.url })), { retries: 1, error_queue: errorQueue });
    const [id] = await api.postOrThrow(q, ['fail me']);
    const statuses = byName(await waitForStatuses(api, q, id, undefined, 10_000));
    const codes = { notFound: 404, serverError: 500, found: 302, temporary: 307, hangUp: 0 };
    for (const [name, code] of Object.entries(codes)) {
      expect(statuses[name], name).toMatchObject({ status: 'error', status_code: code, tries: 1, retries_remaining: 0 });
      expect(statuses[name].msg, name).toMatch(/\S/);
      expect(subscribers[name].pushes, name).toHaveLength(1);
    }
    expect(target.pushes, 'redirects are not followed').toEqual([]);
    const reports = await errorReports(api, errorQueue);
    expect(Object.fromEntries(reports.map((r) => [r.subscribers[0].name, r.subscribers[0].code]))).toEqual(codes);
    expect(await api.sizeOrThrow(q)).toBe(0);
  });

  it('a dropped connection is retried like any failure, then delivered', async ({ onTestFinished }) => {
    const subscriber = await tempSubscriber(onTestFinished, (_push, earlier) => (earlier === 0 ? 'close' : 200));
    const q = api.tempQueue(onTestFinished, 'hang-up-once');
    await createPushQueueOrThrow(api, q, [{ name: 's', url: subscriber.url }], { retries: 2, retries_delay: 3 });
    const [id] = await api.postOrThrow(q, ['again']);
    const retrying = onlyStatus(await waitForStatuses(api, q, id, (list) => list[0]?.tries === 1));
    expect(retrying).toMatchObject({ status: 'retrying', status_code: 0 });
    expect(retrying.msg).toMatch(/\S/);
    expect(onlyStatus(await waitForStatuses(api, q, id, undefined, 10_000))).toMatchObject({ status: 'deleted', status_code: 200, tries: 2 });
  });

  it('an answer slower than FERRO_PUSH_TIMEOUT_MS=1000 is a failure, recorded without waiting for it', async ({ onTestFinished }) => {
    const client = await tempServer(onTestFinished, { FERRO_PUSH_TIMEOUT_MS: '1000' });
    const slow = await tempSubscriber(onTestFinished, () => ({ status: 200, delayMs: 6_000 }));
    const prompt = await tempSubscriber(onTestFinished, () => ({ status: 200, delayMs: 300 }));
    const q = uniqueQueueName('slow');
    await createPushQueueOrThrow(client, q, [{ name: 'slow', url: slow.url }, { name: 'prompt', url: prompt.url }], { retries: 1 });
    const [id] = await client.postOrThrow(q, ['take your time']);
    const [push] = await slow.waitForPushes(1);
    const statuses = byName(await waitForStatuses(client, q, id, undefined, 10_000));
    const recordedAfterMs = Date.now() - push.receivedAtMs;
    expect(statuses.slow).toMatchObject({ status: 'error', status_code: 0, tries: 1 });
    expect(statuses.slow.msg).toMatch(/1000 ms/);
    expect(recordedAfterMs, 'failed at the timeout, long before the answer').toBeLessThan(4_000);
    expect(statuses.prompt).toMatchObject({ status: 'deleted', status_code: 200 });
  });
});

describe.concurrent('address policy (FERRO_PUSH_DENY)', () => {
  it('FERRO_PUSH_DENY=loopback: a local subscriber never receives anything; the status names the policy', async ({ onTestFinished }) => {
    const client = await tempServer(onTestFinished, { FERRO_PUSH_DENY: 'loopback' });
    const subscriber = await tempSubscriber(onTestFinished);
    const byNameUrl = subscriber.url.replace('127.0.0.1', 'localhost');
    const q = uniqueQueueName('denied');
    await createPushQueueOrThrow(client, q, [{ name: 'ip', url: subscriber.url }, { name: 'host', url: byNameUrl }], { retries: 2, retries_delay: 3 });
    const [id] = await client.postOrThrow(q, ['keep out']);
    const retrying = byName(await waitForStatuses(client, q, id, (list) => list.every((s) => s.tries === 1)));
    for (const name of ['ip', 'host']) {
      expect(retrying[name], name).toMatchObject({ status: 'retrying', status_code: 0 });
      expect(retrying[name].msg, name).toMatch(/not allowed by the push policy/);
    }
    const final = byName(await waitForStatuses(client, q, id, undefined, 10_000));
    for (const name of ['ip', 'host']) expect(final[name], name).toMatchObject({ status: 'error', tries: 2 });
    expect(subscriber.pushes).toEqual([]);
    expect((await statusesOrThrow(client, q, id)).every((s) => /push policy/.test(s.msg ?? ''))).toBe(true);
  });
});
