// Conformance suite, acknowledgements and statuses (§4.8.5, §3.11, §5.3): the ways a subscriber
// acknowledges a 202, the acknowledgements that must be refused, and getPushStatuses outside
// push messages.
import { describe, expect, it } from 'vitest';
import type { DeliveryAck } from './store';
import {
  answer,
  attemptsByName,
  claimAttempts,
  openPushQueue,
  post,
  pushSettings,
  statusesByName,
  subscriber,
} from './store-conformance-push-fixtures.test-helpers';
import { T0, expectEngineError, newProjectId, type ConformanceContext } from './store-conformance.test-helpers';

const alpha = subscriber('alpha');
const beta = subscriber('beta');
/** A subscriber without a name goes by its url (§2.7). */
const unnamed = subscriber('');

export function describePushAckConformance(ctx: ConformanceContext): void {
  describe('acknowledgeDelivery (§4.8.5)', () => {
    it('accepts the reservation id with the subscriber name, the reservation id alone, or a v1 subscriber without one', async () => {
      const { store, projectId, ids } = await openPushQueue(ctx, pushSettings('multicast', [alpha, beta, unnamed]));
      const [id] = ids;
      const attempts = attemptsByName(await claimAttempts(store, T0));
      for (const attempt of Object.values(attempts)) await answer(store, attempt, 202, T0 + 1);
      const ack = (change: Partial<DeliveryAck>) => store.acknowledgeDelivery(projectId, 'q', { messageId: id, reservationId: undefined, ...change }, T0 + 2);

      await ack({ reservationId: attempts.alpha.reservationId });
      expect((await statusesByName(store, projectId, id, T0 + 2)).alpha).toMatchObject({ status: 'deleted', tries: 1 });
      // v1 acknowledges by subscriber id, which names the subscriber but carries no reservation (§5.3).
      await ack({ subscriberName: 'beta', isReservationIgnored: true });
      expect(await store.getQueue(projectId, 'q')).toMatchObject({ size: 1 });
      await ack({ subscriberName: unnamed.url, reservationId: attempts[unnamed.url].reservationId });
      expect(await statusesByName(store, projectId, id, T0 + 2)).toMatchObject({
        alpha: { status: 'deleted' },
        beta: { status: 'deleted' },
        [unnamed.url]: { url: unnamed.url, status: 'deleted', statusCode: 202, tries: 1 },
      });
      expect(await store.getQueue(projectId, 'q')).toMatchObject({ size: 0 });
    });

    it('refuses what does not prove the waiting 202 (RESERVATION_MISMATCH) and what names nothing (MESSAGE_NOT_FOUND)', async () => {
      const { store, projectId, ids } = await openPushQueue(ctx, pushSettings('multicast', [alpha, beta]));
      const [id] = ids;
      await store.saveQueue(projectId, 'other', () => pushSettings('multicast', [alpha]), T0);
      const [otherId] = await post(store, projectId, 'other', ['elsewhere']);
      const attempts = await claimAttempts(store, T0);
      const attemptOf = (queueName: string, name: string) => attempts.find((a) => a.queueName === queueName && a.subscriber.name === name)!;
      const held = attemptOf('q', 'alpha');
      await answer(store, held, 202, T0 + 1);
      await answer(store, attemptOf('other', 'alpha'), 202, T0 + 1);
      // beta's attempt is still in flight: it has no 202 to acknowledge yet.
      const ack = (queueName: string, change: Partial<DeliveryAck>) =>
        store.acknowledgeDelivery(projectId, queueName, { messageId: id, reservationId: held.reservationId, subscriberName: 'alpha', ...change }, T0 + 2);

      const mismatches: Array<Partial<DeliveryAck>> = [
        { reservationId: 'f'.repeat(32) },
        { reservationId: undefined },
        { subscriberName: 'beta', reservationId: attemptOf('q', 'beta').reservationId },
        { subscriberName: 'beta', reservationId: undefined, isReservationIgnored: true },
      ];
      for (const change of mismatches) await expectEngineError(() => ack('q', change), 'RESERVATION_MISMATCH');
      const unknown: Array<Partial<DeliveryAck>> = [{ subscriberName: 'gamma' }, { messageId: '12345' }, { messageId: otherId }];
      for (const change of unknown) await expectEngineError(() => ack('q', change), 'MESSAGE_NOT_FOUND');
      await expectEngineError(() => ack('missing', {}), 'QUEUE_NOT_FOUND');

      expect(await statusesByName(store, projectId, id, T0 + 2)).toMatchObject({ alpha: { status: 'reserved' }, beta: { status: 'queued' } });
      await ack('q', {});
      expect((await statusesByName(store, projectId, id, T0 + 2)).alpha).toMatchObject({ status: 'deleted' });
    });
  });

  describe('getPushStatuses (§3.11)', () => {
    it('is [] for a pull message and refuses unknown messages and queues', async () => {
      const store = ctx.store();
      const projectId = newProjectId();
      const [id] = await post(store, projectId, 'pull', ['pulled']);
      expect(await store.getPushStatuses(projectId, 'pull', id, T0)).toEqual([]);
      await expectEngineError(() => store.getPushStatuses(projectId, 'pull', '12345', T0), 'MESSAGE_NOT_FOUND');
      await expectEngineError(() => store.getPushStatuses(projectId, 'missing', id, T0), 'QUEUE_NOT_FOUND');
    });
  });
}
