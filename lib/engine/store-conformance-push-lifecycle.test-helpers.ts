// Conformance suite, push deliveries over time: a lease that runs out is a failed try, a restart
// continues every delivery where it was (README "Push queues"), and removing a subscriber,
// deleting or clearing the queue, deleting the message or its expiry end its deliveries.
import { describe, expect, it } from 'vitest';
import {
  LEASE_MS,
  RETRIES_DELAY_MS,
  answer,
  attemptsByName,
  claim,
  claimAttempts,
  claimOne,
  nameOf,
  onlyStatus,
  openPushQueue,
  post,
  pushSettings,
  statusesByName,
  subscriber,
} from './store-conformance-push-fixtures.test-helpers';
import { T0, expectEngineError, newProjectId, saveSettings, type ConformanceContext } from './store-conformance.test-helpers';

const alpha = subscriber('alpha');
const beta = subscriber('beta');
const gamma = subscriber('gamma');
const ERRORS = 'errors';

export function describePushLifecycleConformance(ctx: ConformanceContext): void {
  describe('push leases, restarts and the end of deliveries (§4.8.2)', () => {
    it('a lease that runs out without an outcome is a failed try; its late outcome changes nothing', async () => {
      const settings = pushSettings('multicast', [alpha], { retries: 2, errorQueue: ERRORS });
      const { store, projectId, ids } = await openPushQueue(ctx, settings);
      const first = await claimOne(store, T0);
      expect(await claimAttempts(store, T0 + LEASE_MS - 1)).toEqual([]);
      // The pusher died mid-attempt: the lease end settles it, and the retry waits retries_delay.
      expect(await claimAttempts(store, T0 + LEASE_MS)).toEqual([]);
      const lost = await onlyStatus(store, projectId, ids[0], T0 + LEASE_MS);
      expect(lost).toMatchObject({ status: 'retrying', statusCode: 0, tries: 1, retriesRemaining: 1, lastTryAtMs: T0 + LEASE_MS });
      expect(lost.errorMessage).toMatch(/\S/);
      expect(await store.nextDeliveryDueAtMs([])).toBe(T0 + LEASE_MS + RETRIES_DELAY_MS);
      expect(await answer(store, first, 200, T0 + LEASE_MS + 1)).toEqual([]);
      expect(await onlyStatus(store, projectId, ids[0], T0 + LEASE_MS + 1)).toEqual(lost);

      const retryAtMs = T0 + LEASE_MS + RETRIES_DELAY_MS;
      const second = await claimOne(store, retryAtMs);
      expect(second.reservationId).not.toBe(first.reservationId);
      // The last try lost too: the claim that settles it reports to the error queue.
      expect(await claim(store, retryAtMs + LEASE_MS)).toEqual({ attempts: [], errorQueues: [{ projectId, queueName: ERRORS }] });
      expect(await onlyStatus(store, projectId, ids[0], retryAtMs + LEASE_MS)).toMatchObject({ status: 'error', tries: 2, retriesRemaining: 0 });
      expect(await store.getQueue(projectId, ERRORS)).toMatchObject({ size: 1 });
      expect(await store.getQueue(projectId, 'q')).toMatchObject({ size: 0 });
    });

    it('a reopened store continues every delivery where it was: leases, retries and 202s', async () => {
      const { store, projectId, ids } = await openPushQueue(ctx, pushSettings('multicast', [alpha, beta, gamma]));
      const [id] = ids;
      const attempts = attemptsByName(await claimAttempts(store, T0));
      await answer(store, attempts.alpha, 202, T0 + 10);
      await answer(store, attempts.beta, 503, T0 + 10, 'Service Unavailable');
      // gamma's attempt is still in flight when the server stops.
      const before = await store.getPushStatuses(projectId, 'q', id, T0 + 10);

      const reopened = await ctx.reopen();
      expect(await reopened.getPushStatuses(projectId, 'q', id, T0 + 10)).toEqual(before);
      expect(await reopened.nextDeliveryDueAtMs([])).toBe(T0 + LEASE_MS);
      expect(await claimAttempts(reopened, T0 + LEASE_MS - 1)).toEqual([]);
      await reopened.acknowledgeDelivery(projectId, 'q', { messageId: id, reservationId: attempts.alpha.reservationId, subscriberName: 'alpha' }, T0 + 20);
      // The attempt cut short by the restart counts as a failed try, so gamma never sees it twice.
      expect(await claimAttempts(reopened, T0 + LEASE_MS)).toEqual([]);
      expect(await statusesByName(reopened, projectId, id, T0 + LEASE_MS)).toMatchObject({
        alpha: { status: 'deleted', tries: 1 },
        beta: { status: 'retrying', statusCode: 503, tries: 1 },
        gamma: { status: 'retrying', statusCode: 0, tries: 1 },
      });
      expect((await claimAttempts(reopened, T0 + 10 + RETRIES_DELAY_MS)).map(nameOf)).toEqual(['beta']);
    });

    it('a removed subscriber gets no more attempts, pending or retried', async () => {
      const settings = pushSettings('multicast', [alpha, beta]);
      const { store, projectId, ids } = await openPushQueue(ctx, settings);
      const attempts = attemptsByName(await claimAttempts(store, T0));
      await answer(store, attempts.alpha, 500, T0 + 1);
      await answer(store, attempts.beta, 200, T0 + 1);
      const [waiting] = await post(store, projectId, 'q', ['posted before the removal'], T0 + 2);
      await saveSettings(store, projectId, 'q', pushSettings('multicast', [beta]), T0 + 3);

      const later = await claimAttempts(store, T0 + 1 + RETRIES_DELAY_MS);
      expect(later.map((attempt) => [attempt.messageId, nameOf(attempt)])).toEqual([[waiting, 'beta']]);
      await answer(store, later[0], 200, T0 + 2 + RETRIES_DELAY_MS);
      expect(await claimAttempts(store, T0 + 10 * RETRIES_DELAY_MS)).toEqual([]);
      // With alpha gone, beta's deliveries were the last ones: both messages are done.
      for (const id of [ids[0], waiting]) {
        expect((await store.getPushStatuses(projectId, 'q', id, T0 + 10 * RETRIES_DELAY_MS)).map((s) => s.subscriberName)).toEqual(['beta']);
      }
      expect(await store.getQueue(projectId, 'q')).toMatchObject({ size: 0, totalMessages: 2 });
      expect(await store.nextDeliveryDueAtMs([])).toBeUndefined();
    });

    it('deleting or clearing the queue ends its deliveries, leased ones included, without reports', async () => {
      const store = await ctx.openEmpty();
      const projectId = newProjectId();
      const settings = pushSettings('multicast', [alpha], { retries: 1, errorQueue: ERRORS });
      for (const name of ['gone', 'cleared']) {
        await saveSettings(store, projectId, name, settings);
        await post(store, projectId, name, ['leased']);
      }
      const leased = await claimAttempts(store, T0);
      expect(leased.map((attempt) => attempt.queueName).sort()).toEqual(['cleared', 'gone']);
      for (const name of ['gone', 'cleared']) await post(store, projectId, name, ['waiting'], T0 + 1);

      await store.deleteQueue(projectId, 'gone');
      await store.clearMessages(projectId, 'cleared');
      // Outcomes of attempts leased before are stale: a final failure would otherwise report.
      for (const attempt of leased) expect(await answer(store, attempt, 500, T0 + 2)).toEqual([]);
      expect(await claim(store, T0 + LEASE_MS)).toEqual({ attempts: [], errorQueues: [] });
      expect(await store.nextDeliveryDueAtMs([])).toBeUndefined();
      expect(await store.getQueue(projectId, ERRORS)).toBeUndefined();
    });

    it('deleting a message or its expiry ends its deliveries, without reports', async () => {
      const settings = { ...pushSettings('multicast', [alpha], { errorQueue: ERRORS }), messageExpirationMs: RETRIES_DELAY_MS / 2 };
      const { store, projectId, ids } = await openPushQueue(ctx, settings, ['deleted', 'expiring']);
      const attempts = await claimAttempts(store, T0);
      const attemptOf = (id: string) => attempts.find((attempt) => attempt.messageId === id)!;
      await store.deleteMessages(projectId, 'q', [{ id: ids[0] }], T0 + 1);
      expect(await answer(store, attemptOf(ids[0]), 200, T0 + 2)).toEqual([]);
      await expectEngineError(() => store.getPushStatuses(projectId, 'q', ids[0], T0 + 2), 'MESSAGE_NOT_FOUND');

      // The retry would fall after the message expired: it never happens.
      await answer(store, attemptOf(ids[1]), 503, T0 + 2);
      expect(await claim(store, T0 + 2 + RETRIES_DELAY_MS)).toEqual({ attempts: [], errorQueues: [] });
      expect(await store.nextDeliveryDueAtMs([])).toBeUndefined();
      await expectEngineError(() => store.getPushStatuses(projectId, 'q', ids[1], T0 + 2 + RETRIES_DELAY_MS), 'MESSAGE_NOT_FOUND');
      expect(await store.getQueue(projectId, ERRORS)).toBeUndefined();
    });
  });
}
