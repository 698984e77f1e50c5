// Conformance suite, reservations: deleteMessages by the §4.4 table (all or none), touchMessage
// and releaseMessage, each checked against the reservation it needs.
import { describe, expect, it } from 'vitest';
import type { QueueStore } from './store';
import {
  T0,
  expectEngineError,
  idsOf,
  newProjectId,
  postBodies,
  type ConformanceContext,
} from './store-conformance.test-helpers';

const TIMEOUT_MS = 10_000;

/** Posts `count` messages and reserves the first `reserved` of them (timeout 10 s) at T0. */
async function prepare(store: QueueStore, count: number, reserved: number) {
  const projectId = newProjectId();
  const ids = await postBodies(store, projectId, 'q', Array.from({ length: count }, (_, i) => `m${i}`));
  const { messages } =
    reserved > 0
      ? await store.reserveMessages(projectId, 'q', { n: reserved, timeoutMs: TIMEOUT_MS, isDelete: false }, T0)
      : { messages: [] };
  return { projectId, ids, held: messages };
}

export function describeReservationConformance(ctx: ConformanceContext): void {
  describe('deleteMessages (§4.4)', () => {
    it('deletes a reserved message only with its current reservation id', async () => {
      const store = ctx.store();
      const { projectId, ids, held } = await prepare(store, 1, 1);
      const [id] = ids;
      await expectEngineError(() => store.deleteMessages(projectId, 'q', [{ id }], T0 + 1), 'RESERVATION_MISMATCH');
      await expectEngineError(
        () => store.deleteMessages(projectId, 'q', [{ id, reservationId: 'f'.repeat(32) }], T0 + 1),
        'RESERVATION_MISMATCH',
      );
      expect(await store.getQueue(projectId, 'q')).toMatchObject({ size: 1 });
      await store.deleteMessages(projectId, 'q', [{ id, reservationId: held[0].reservationId }], T0 + 1);
      expect(await store.getQueue(projectId, 'q')).toMatchObject({ size: 0, totalMessages: 1 });
      await expectEngineError(() => store.getMessage(projectId, 'q', id, T0 + 1), 'MESSAGE_NOT_FOUND');
    });

    it('deletes a never-reserved message with or without a reservation id', async () => {
      const store = ctx.store();
      const { projectId, ids } = await prepare(store, 2, 0);
      await store.deleteMessages(projectId, 'q', [{ id: ids[0] }], T0);
      await store.deleteMessages(projectId, 'q', [{ id: ids[1], reservationId: 'any' }], T0);
      expect(await store.getQueue(projectId, 'q')).toMatchObject({ size: 0, totalMessages: 2 });
    });

    it('deletes a timed-out message without an id but refuses its stale reservation id', async () => {
      const store = ctx.store();
      const { projectId, ids, held } = await prepare(store, 2, 2);
      const afterTimeout = T0 + TIMEOUT_MS;
      await expectEngineError(
        () => store.deleteMessages(projectId, 'q', [{ id: ids[0], reservationId: held[0].reservationId }], afterTimeout),
        'RESERVATION_MISMATCH',
      );
      await store.deleteMessages(projectId, 'q', [{ id: ids[0] }], afterTimeout);
      await store.deleteMessages(projectId, 'q', [{ id: ids[1] }], afterTimeout);
      expect(await store.getQueue(projectId, 'q')).toMatchObject({ size: 0 });
    });

    it('refuses unknown, already deleted and other queues ids, and missing queues', async () => {
      const store = ctx.store();
      const { projectId, ids } = await prepare(store, 1, 0);
      const [foreign] = await postBodies(store, projectId, 'other', ['x']);
      await store.deleteMessages(projectId, 'q', [{ id: ids[0] }], T0);
      for (const id of [ids[0], foreign, '1', 'nope']) {
        await expectEngineError(() => store.deleteMessages(projectId, 'q', [{ id }], T0), 'MESSAGE_NOT_FOUND');
      }
      await expectEngineError(() => store.deleteMessages(projectId, 'missing', [{ id: foreign }], T0), 'QUEUE_NOT_FOUND');
      expect(await store.getQueue(projectId, 'other')).toMatchObject({ size: 1 });
    });

    it('deletes a batch all or none: one bad element leaves every message in place', async () => {
      const store = ctx.store();
      const { projectId, ids, held } = await prepare(store, 4, 2);
      const good = [
        { id: ids[0], reservationId: held[0].reservationId },
        { id: ids[2] },
        { id: ids[3] },
      ];
      await expectEngineError(() => store.deleteMessages(projectId, 'q', [...good, { id: ids[1] }], T0 + 1), 'RESERVATION_MISMATCH');
      await expectEngineError(() => store.deleteMessages(projectId, 'q', [...good, { id: '12345' }], T0 + 1), 'MESSAGE_NOT_FOUND');
      expect(await store.getQueue(projectId, 'q')).toMatchObject({ size: 4 });
      expect(idsOf(await store.peekMessages(projectId, 'q', 10, T0 + 1))).toEqual([ids[2], ids[3]]);

      await store.deleteMessages(projectId, 'q', [...good, { id: ids[1], reservationId: held[1].reservationId }], T0 + 1);
      expect(await store.getQueue(projectId, 'q')).toMatchObject({ size: 0, totalMessages: 4 });
    });

    it('deletes a batch of held messages all or none when one reservation is stale or gone', async () => {
      const store = ctx.store();
      const { projectId, ids, held } = await prepare(store, 4, 3);
      const refs = held.map((m) => ({ id: m.id, reservationId: m.reservationId }));
      const stale = [refs[0], { ...refs[1], reservationId: 'f'.repeat(32) }, refs[2]];
      await expectEngineError(() => store.deleteMessages(projectId, 'q', stale, T0 + 1), 'RESERVATION_MISMATCH');
      // Past the reservations' end, the same batch is refused too.
      await expectEngineError(() => store.deleteMessages(projectId, 'q', refs, T0 + TIMEOUT_MS + 1), 'RESERVATION_MISMATCH');
      expect(await store.getQueue(projectId, 'q')).toMatchObject({ size: 4 });

      await store.deleteMessages(projectId, 'q', refs, T0 + 1);
      expect(await store.getQueue(projectId, 'q')).toMatchObject({ size: 1 });
      expect(idsOf(await store.peekMessages(projectId, 'q', 10, T0 + 2))).toEqual([ids[3]]);
      await expectEngineError(() => store.deleteMessages(projectId, 'q', refs.slice(0, 2), T0 + 2), 'MESSAGE_NOT_FOUND');
    });

    it('judges a message named twice in one batch against its state before the batch', async () => {
      const store = ctx.store();
      const { projectId, ids, held } = await prepare(store, 2, 1);
      const holder = { id: ids[0], reservationId: held[0].reservationId };
      await expectEngineError(() => store.deleteMessages(projectId, 'q', [holder, { id: ids[0] }], T0 + 1), 'RESERVATION_MISMATCH');
      expect(await store.getQueue(projectId, 'q')).toMatchObject({ size: 2 });

      await store.deleteMessages(projectId, 'q', [holder, holder, { id: ids[1] }, { id: ids[1] }], T0 + 1);
      expect(await store.getQueue(projectId, 'q')).toMatchObject({ size: 0 });
    });
  });

  describe('touchMessage', () => {
    it('gives a new reservation id and a deadline counted from now; the old id stops working', async () => {
      const store = ctx.store();
      const { projectId, ids, held } = await prepare(store, 2, 1);
      const [id] = ids;
      const old = held[0].reservationId;
      const touched = await store.touchMessage(projectId, 'q', { id, reservationId: old }, 40_000, T0 + 5_000);
      expect(touched).toMatchObject({ id, body: 'm0', reservedCount: 2, reservedUntilMs: T0 + 45_000, timeoutMs: 40_000 });
      expect(touched.reservationId).toMatch(/^[0-9a-f]{32}$/);
      expect(touched.reservationId).not.toBe(old);

      await expectEngineError(() => store.touchMessage(projectId, 'q', { id, reservationId: old }, 1_000, T0 + 6_000), 'RESERVATION_MISMATCH');
      await expectEngineError(() => store.deleteMessages(projectId, 'q', [{ id, reservationId: old }], T0 + 6_000), 'RESERVATION_MISMATCH');
      expect(idsOf(await store.peekMessages(projectId, 'q', 10, T0 + 44_999))).toEqual([ids[1]]);

      // Without a timeout the queue's message timeout (60 s) applies, again from now.
      const again = await store.touchMessage(projectId, 'q', { id, reservationId: touched.reservationId }, undefined, T0 + 44_999);
      expect(again).toMatchObject({ reservedCount: 3, reservedUntilMs: T0 + 104_999, timeoutMs: 60_000 });
      expect(idsOf(await store.peekMessages(projectId, 'q', 10, T0 + 104_998))).toEqual([ids[1]]);
      expect(idsOf(await store.peekMessages(projectId, 'q', 10, T0 + 104_999))).toEqual(ids);
    });

    it('refuses messages that are not reserved by the caller', async () => {
      const store = ctx.store();
      const { projectId, ids, held } = await prepare(store, 2, 1);
      const touch = (id: string, reservationId: string | undefined, nowMs: number) =>
        store.touchMessage(projectId, 'q', { id, reservationId }, undefined, nowMs);
      await expectEngineError(() => touch(ids[0], undefined, T0 + 1), 'RESERVATION_MISMATCH');
      await expectEngineError(() => touch(ids[1], undefined, T0 + 1), 'RESERVATION_MISMATCH');
      await expectEngineError(() => touch(ids[1], 'f'.repeat(32), T0 + 1), 'RESERVATION_MISMATCH');
      await expectEngineError(() => touch(ids[0], held[0].reservationId, T0 + TIMEOUT_MS), 'RESERVATION_MISMATCH');
      await expectEngineError(() => touch('7', held[0].reservationId, T0), 'MESSAGE_NOT_FOUND');
      expect(await store.getMessage(projectId, 'q', ids[0], T0 + TIMEOUT_MS)).toMatchObject({ reservedCount: 1, state: 'ready' });
    });
  });

  describe('v1 references (isReservationIgnored, §5.3)', () => {
    it('delete needs no reservation id; touch and release act on the current reservation only', async () => {
      const store = ctx.store();
      const { projectId, ids, held } = await prepare(store, 3, 2);
      const v1 = (id: string) => ({ id, isReservationIgnored: true });
      const touched = await store.touchMessage(projectId, 'q', v1(ids[0]), 20_000, T0 + 1);
      expect(touched).toMatchObject({ id: ids[0], reservedCount: 2, reservedUntilMs: T0 + 20_001 });
      expect(touched.reservationId).not.toBe(held[0].reservationId);
      await store.releaseMessage(projectId, 'q', v1(ids[1]), 0, T0 + 1);
      expect(idsOf(await store.peekMessages(projectId, 'q', 10, T0 + 1))).toEqual([ids[1], ids[2]]);
      await expectEngineError(() => store.touchMessage(projectId, 'q', v1(ids[2]), undefined, T0 + 1), 'RESERVATION_MISMATCH');
      await expectEngineError(() => store.releaseMessage(projectId, 'q', v1(ids[2]), 0, T0 + 1), 'RESERVATION_MISMATCH');
      await store.deleteMessages(projectId, 'q', ids.map(v1), T0 + 2);
      expect(await store.getQueue(projectId, 'q')).toMatchObject({ size: 0, totalMessages: 3 });
    });
  });

  describe('releaseMessage', () => {
    it('without delay puts the message back at once, at the front, with its reserved_count', async () => {
      const store = ctx.store();
      const { projectId, ids, held } = await prepare(store, 3, 1);
      await store.releaseMessage(projectId, 'q', { id: ids[0], reservationId: held[0].reservationId }, 0, T0 + 1);
      expect(await store.peekMessages(projectId, 'q', 10, T0 + 1)).toMatchObject([
        { id: ids[0], body: 'm0', reservedCount: 1 },
        { id: ids[1], body: 'm1', reservedCount: 0 },
        { id: ids[2], body: 'm2', reservedCount: 0 },
      ]);
      // The released reservation is now stale: deleting with it fails, without it succeeds.
      await expectEngineError(
        () => store.deleteMessages(projectId, 'q', [{ id: ids[0], reservationId: held[0].reservationId }], T0 + 2),
        'RESERVATION_MISMATCH',
      );
      await store.deleteMessages(projectId, 'q', [{ id: ids[0] }], T0 + 2);
      expect(await store.getQueue(projectId, 'q')).toMatchObject({ size: 2, totalMessages: 3 });
    });

    it('with delay hides the message until the delay passes, then it is first again', async () => {
      const store = ctx.store();
      const { projectId, ids, held } = await prepare(store, 2, 1);
      await store.releaseMessage(projectId, 'q', { id: ids[0], reservationId: held[0].reservationId }, 3_000, T0 + 1_000);
      expect(await store.getMessage(projectId, 'q', ids[0], T0 + 1_000)).toMatchObject({ state: 'delayed', dueAtMs: T0 + 4_000 });
      expect(idsOf(await store.peekMessages(projectId, 'q', 10, T0 + 3_999))).toEqual([ids[1]]);
      const reserved = await store.reserveMessages(projectId, 'q', { n: 2, isDelete: false }, T0 + 4_000);
      expect(reserved.messages).toMatchObject([{ id: ids[0], reservedCount: 2 }, { id: ids[1], reservedCount: 1 }]);
    });

    it('refuses a message the caller does not hold', async () => {
      const store = ctx.store();
      const { projectId, ids, held } = await prepare(store, 2, 1);
      const release = (id: string, reservationId: string | undefined, nowMs: number) =>
        store.releaseMessage(projectId, 'q', { id, reservationId }, 0, nowMs);
      await expectEngineError(() => release(ids[0], undefined, T0 + 1), 'RESERVATION_MISMATCH');
      await expectEngineError(() => release(ids[0], 'f'.repeat(32), T0 + 1), 'RESERVATION_MISMATCH');
      await expectEngineError(() => release(ids[1], undefined, T0 + 1), 'RESERVATION_MISMATCH');
      await expectEngineError(() => release(ids[0], held[0].reservationId, T0 + TIMEOUT_MS), 'RESERVATION_MISMATCH');
      await expectEngineError(() => release('7', undefined, T0 + 1), 'MESSAGE_NOT_FOUND');
      expect(idsOf(await store.peekMessages(projectId, 'q', 10, T0 + 1))).toEqual([ids[1]]);
    });
  });
}
