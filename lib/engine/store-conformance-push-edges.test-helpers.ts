// Conformance suite, the edges of push deliveries that once went wrong: a unicast message whose
// chosen subscriber is removed, a stale reservation alone, v1's subscriber ids after a removal,
// and messages that reach a push queue by a dead-letter move or an error report.
import { describe, expect, it } from 'vitest';
import {
  answer,
  attemptsByName,
  claimAttempts,
  claimOne,
  nameOf,
  openPushQueue,
  post,
  pushSettings,
  subscriber,
} from './store-conformance-push-fixtures.test-helpers';
import { T0, expectEngineError, newProjectId, pullSettings, saveSettings, type ConformanceContext } from './store-conformance.test-helpers';

const alpha = subscriber('alpha');
const beta = subscriber('beta');
const gamma = subscriber('gamma');

export function describePushEdgeConformance(ctx: ConformanceContext): void {
  describe('push edges', () => {
    it('a unicast message whose chosen subscriber is removed goes to another one at once', async () => {
      const { store, projectId } = await openPushQueue(ctx, pushSettings('unicast', [alpha, beta, gamma]));
      const chosen = await claimOne(store, T0);
      // Handed back unstarted, then its subscriber leaves the queue before the next claim.
      await store.deferDelivery(chosen, T0 + 1_000);
      const others = [alpha, beta, gamma].filter((s) => s.name !== nameOf(chosen));
      await saveSettings(store, projectId, 'q', pushSettings('unicast', others), T0 + 1);

      expect(await claimAttempts(store, T0 + 1_000)).toEqual([]);
      const next = await claimOne(store, T0 + 1_000);
      expect(others.map((s) => s.name)).toContain(nameOf(next));
      await answer(store, next, 200, T0 + 1_001);
      expect(await store.getQueue(projectId, 'q')).toMatchObject({ size: 0 });
    });

    it('a reservation id alone that no longer proves the 202 is RESERVATION_MISMATCH, not a missing message', async () => {
      const { store, projectId, ids } = await openPushQueue(ctx, pushSettings('multicast', [alpha]));
      const first = await claimOne(store, T0);
      await answer(store, first, 202, T0 + 1);
      await expectEngineError(() => store.acknowledgeDelivery(projectId, 'q', { messageId: ids[0], reservationId: 'f'.repeat(32) }, T0 + 2), 'RESERVATION_MISMATCH');
      await store.acknowledgeDelivery(projectId, 'q', { messageId: ids[0], reservationId: first.reservationId }, T0 + 3);
      await expectEngineError(() => store.acknowledgeDelivery(projectId, 'q', { messageId: ids[0], reservationId: first.reservationId }, T0 + 4), 'RESERVATION_MISMATCH');
    });

    it('v1 subscriber ids stay with their subscriber after another one is removed', async () => {
      const { store, projectId, ids } = await openPushQueue(ctx, pushSettings('multicast', [alpha, beta, gamma]));
      const attempts = attemptsByName(await claimAttempts(store, T0));
      expect([attempts.alpha.subscriberId, attempts.beta.subscriberId, attempts.gamma.subscriberId]).toEqual(['0', '1', '2']);
      for (const attempt of Object.values(attempts)) await answer(store, attempt, 202, T0 + 1);
      await saveSettings(store, projectId, 'q', pushSettings('multicast', [alpha, gamma]), T0 + 2);

      // gamma's pushes said "2": acknowledging "2" must reach gamma, not whoever is second now.
      await store.acknowledgeDelivery(projectId, 'q', { messageId: ids[0], reservationId: undefined, subscriberId: '2', isReservationIgnored: true }, T0 + 3);
      const statuses = await store.getPushStatuses(projectId, 'q', ids[0], T0 + 3);
      expect(statuses.map((status) => [status.subscriberId, status.subscriberName, status.status])).toEqual([
        ['0', 'alpha', 'reserved'],
        ['1', 'beta', 'reserved'],
        ['2', 'gamma', 'deleted'],
      ]);
      await expectEngineError(() => store.acknowledgeDelivery(projectId, 'q', { messageId: ids[0], reservationId: undefined, subscriberId: '7', isReservationIgnored: true }, T0 + 4), 'MESSAGE_NOT_FOUND');
    });

    it('an error report reaching a push queue is pushed like a post', async () => {
      const store = await ctx.openEmpty();
      const projectId = newProjectId();
      await saveSettings(store, projectId, 'reports', pushSettings('multicast', [gamma]));
      await saveSettings(store, projectId, 'q', pushSettings('multicast', [alpha], { retries: 1, errorQueue: 'reports' }));
      const [id] = await post(store, projectId, 'q', ['doomed']);
      const attempt = await claimOne(store, T0);
      expect(await answer(store, attempt, 500, T0 + 1)).toEqual([{ projectId, queueName: 'reports' }]);
      const report = await claimOne(store, T0 + 2);
      expect(report).toMatchObject({ queueName: 'reports', subscriber: gamma });
      expect(JSON.parse(report.body)).toMatchObject({ source_msg_id: id });
    });

    it('a message dead-lettered into a push queue is pushed like a post', async () => {
      const store = await ctx.openEmpty();
      const projectId = newProjectId();
      await saveSettings(store, projectId, 'dlq', pushSettings('multicast', [beta]));
      await saveSettings(store, projectId, 'pull', pullSettings({ deadLetter: { queueName: 'dlq', maxReservations: 1 } }));
      const [id] = await post(store, projectId, 'pull', ['poison']);
      await store.reserveMessages(projectId, 'pull', { n: 1, timeoutMs: 1_000, isDelete: false }, T0);
      expect((await store.reserveMessages(projectId, 'pull', { n: 1, isDelete: false }, T0 + 2_000)).deadLettered).toBe(1);
      const pushed = await claimOne(store, T0 + 2_001);
      expect(pushed).toMatchObject({ queueName: 'dlq', messageId: id, body: 'poison', subscriber: beta });
    });
  });
}
