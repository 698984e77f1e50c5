// Conformance suite, messages reserved together: a store may keep a reserve's messages together
// until something happens to each (the SQLite store keeps those it took from one posted batch as
// one held span), and every verb must still see each message on its own — found, browsed and
// counted as reserved, deleted in batches that mix reserves, touched, released or deleted alone
// from the middle, taken again once the reservation ran out, dead-lettered, expired and restarted.
import { describe, expect, it } from 'vitest';
import type { QueueStore } from './store';
import { T0, expectEngineError, idsOf, newProjectId, postBodies, pullSettings, saveSettings, type ConformanceContext } from './store-conformance.test-helpers';

const TIMEOUT_MS = 10_000;
const bodiesOf = (messages: Array<{ body: string }>) => messages.map((message) => message.body);
const refsOf = (messages: Array<{ id: string; reservationId: string }>) => messages.map(({ id, reservationId }) => ({ id, reservationId }));

/** Posts m0 … m{count-1} in one post and reserves them in reserves of the given sizes, in order. */
async function reserveInParts(store: QueueStore, count: number, sizes: number[]) {
  const projectId = newProjectId();
  const ids = await postBodies(store, projectId, 'q', Array.from({ length: count }, (_, i) => `m${i}`));
  const parts = [];
  for (const n of sizes) parts.push((await store.reserveMessages(projectId, 'q', { n, timeoutMs: TIMEOUT_MS, isDelete: false }, T0)).messages);
  return { projectId, ids, parts };
}

export function describeHeldConformance(ctx: ConformanceContext): void {
  describe('messages reserved together', () => {
    it('are found, browsed and listed as reserved, each with its own body and reservation', async () => {
      const store = ctx.store();
      const { projectId, ids, parts } = await reserveInParts(store, 12, [3, 4]);
      expect(bodiesOf(parts[1])).toEqual(['m3', 'm4', 'm5', 'm6']);
      expect(new Set(parts.flat().map((message) => message.reservationId)).size).toBe(7);
      for (const [i, id] of ids.slice(0, 7).entries()) {
        expect(await store.getMessage(projectId, 'q', id, T0 + 1)).toMatchObject({ body: `m${i}`, state: 'reserved', reservedCount: 1, dueAtMs: T0 + TIMEOUT_MS });
      }
      const page = await store.browseMessages(projectId, 'q', ids[1], 4, T0 + 1);
      expect(page.messages.map((message) => [message.body, message.state])).toEqual([['m2', 'reserved'], ['m3', 'reserved'], ['m4', 'reserved'], ['m5', 'reserved']]);
      expect(bodiesOf(await store.latestMessages(projectId, 'q', 7, T0 + 1))).toEqual(['m11', 'm10', 'm9', 'm8', 'm7', 'm6', 'm5']);
      expect(await store.countMessages(projectId, 'q', T0 + 1)).toEqual({ ready: 5, delayed: 0, reserved: 7 });
      expect(await store.nextDueAtMs(projectId, 'q', T0 + 1)).toBe(T0 + TIMEOUT_MS);
      // Two of the second reserve's four go; the other two stay held by it.
      await store.deleteMessages(projectId, 'q', refsOf([parts[1][0], parts[1][2]]), T0 + 2);
      await expectEngineError(() => store.getMessage(projectId, 'q', ids[3], T0 + 2), 'MESSAGE_NOT_FOUND');
      const left = (await store.browseMessages(projectId, 'q', null, 8, T0 + 2)).messages;
      expect(left.map((message) => [message.body, message.state])).toEqual([
        ['m0', 'reserved'], ['m1', 'reserved'], ['m2', 'reserved'], ['m4', 'reserved'], ['m6', 'reserved'], ['m7', 'ready'], ['m8', 'ready'], ['m9', 'ready'],
      ]);
      await store.deleteMessages(projectId, 'q', refsOf([parts[1][3], parts[1][1]]), T0 + 2);
      expect(await store.countMessages(projectId, 'q', T0 + 2)).toEqual({ ready: 5, delayed: 0, reserved: 3 });
      // One at a time: another message's reservation id does not do.
      const other = { id: parts[0][1].id, reservationId: parts[0][0].reservationId };
      await expectEngineError(() => store.deleteMessages(projectId, 'q', [other], T0 + 2), 'RESERVATION_MISMATCH');
      await store.deleteMessages(projectId, 'q', refsOf([parts[0][1]]), T0 + 2);
      await expectEngineError(() => store.getMessage(projectId, 'q', ids[1], T0 + 2), 'MESSAGE_NOT_FOUND');
      expect(await store.getMessage(projectId, 'q', ids[2], T0 + 2)).toMatchObject({ body: 'm2', state: 'reserved' });
      expect(await store.countMessages(projectId, 'q', T0 + 2)).toEqual({ ready: 5, delayed: 0, reserved: 2 });
    });

    it('are deleted in one batch across reserves and with a message taken again, all or none', async () => {
      const store = ctx.store();
      const { projectId, parts } = await reserveInParts(store, 6, [1]);
      // m0's reservation runs out and a later reserve takes it again with m1 … m3.
      const again = (await store.reserveMessages(projectId, 'q', { n: 4, timeoutMs: TIMEOUT_MS, isDelete: false }, T0 + TIMEOUT_MS)).messages;
      expect(again.map((message) => [message.body, message.reservedCount])).toEqual([['m0', 2], ['m1', 1], ['m2', 1], ['m3', 1]]);
      const last = (await store.reserveMessages(projectId, 'q', { n: 2, timeoutMs: TIMEOUT_MS, isDelete: false }, T0 + TIMEOUT_MS)).messages;
      const batch = refsOf([...last, ...again]);
      const stale = { id: parts[0][0].id, reservationId: parts[0][0].reservationId };
      await expectEngineError(() => store.deleteMessages(projectId, 'q', [...batch.slice(0, 5), stale], T0 + TIMEOUT_MS), 'RESERVATION_MISMATCH');
      const wrong = { ...batch[2], reservationId: `${batch[2].reservationId.slice(0, -1)}${batch[2].reservationId.endsWith('0') ? '1' : '0'}` };
      await expectEngineError(() => store.deleteMessages(projectId, 'q', [...batch.slice(0, 2), wrong, ...batch.slice(3)], T0 + TIMEOUT_MS), 'RESERVATION_MISMATCH');
      expect(await store.countMessages(projectId, 'q', T0 + TIMEOUT_MS)).toEqual({ ready: 0, delayed: 0, reserved: 6 });
      // In any order: here the two reserves' messages alternate.
      const [m4, m5, m0, m1, m2, m3] = batch;
      await store.deleteMessages(projectId, 'q', [m1, m4, m2, m5, m0, m3], T0 + TIMEOUT_MS);
      expect(await store.countMessages(projectId, 'q', T0 + TIMEOUT_MS)).toEqual({ ready: 0, delayed: 0, reserved: 0 });
      expect((await store.browseMessages(projectId, 'q', null, 10, T0 + TIMEOUT_MS)).messages).toEqual([]);
      expect(await store.getQueue(projectId, 'q', T0 + TIMEOUT_MS)).toMatchObject({ size: 0, totalMessages: 6 });
    });

    it('are touched, released and deleted one at a time from the middle, the others keeping their reservations', async () => {
      const store = ctx.store();
      const { projectId, ids, parts } = await reserveInParts(store, 8, [6]);
      const held = parts[0];
      const touched = await store.touchMessage(projectId, 'q', { id: held[2].id, reservationId: held[2].reservationId }, 30_000, T0 + 1);
      expect(touched).toMatchObject({ body: 'm2', reservedCount: 2, reservedUntilMs: T0 + 1 + 30_000 });
      await expectEngineError(() => store.deleteMessages(projectId, 'q', [{ id: held[2].id, reservationId: held[2].reservationId }], T0 + 2), 'RESERVATION_MISMATCH');
      await store.releaseMessage(projectId, 'q', { id: held[4].id, reservationId: held[4].reservationId }, 0, T0 + 2);
      await expectEngineError(() => store.deleteMessages(projectId, 'q', [{ id: held[1].id }], T0 + 2), 'RESERVATION_MISMATCH');
      expect(bodiesOf(await store.peekMessages(projectId, 'q', 2, T0 + 2))).toEqual(['m4', 'm6']);
      await store.deleteMessages(projectId, 'q', [...refsOf([held[0], held[1], held[3], held[5]]), { id: touched.id, reservationId: touched.reservationId }], T0 + 3);
      expect(await store.countMessages(projectId, 'q', T0 + 3)).toEqual({ ready: 3, delayed: 0, reserved: 0 });
      expect(idsOf(await store.peekMessages(projectId, 'q', 5, T0 + 3))).toEqual([ids[4], ids[6], ids[7]]);
      // v1 deletes by id alone (§5.3).
      const next = (await store.reserveMessages(projectId, 'q', { n: 3, timeoutMs: TIMEOUT_MS, isDelete: false }, T0 + 3)).messages;
      await store.deleteMessages(projectId, 'q', [{ id: next[1].id, isReservationIgnored: true }], T0 + 4);
      expect(bodiesOf(await store.browseMessages(projectId, 'q', null, 10, T0 + 4).then((page) => page.messages))).toEqual(['m4', 'm7']);
    });

    it('come back a few at a time in id order from several reserves whose reservations ran out', async () => {
      const store = ctx.store();
      const { projectId, ids } = await reserveInParts(store, 9, [2, 2, 2, 2]);
      const after = T0 + TIMEOUT_MS;
      const taken = [];
      for (let i = 0; i < 4; i++) taken.push(...(await store.reserveMessages(projectId, 'q', { n: 3, timeoutMs: TIMEOUT_MS, isDelete: false }, after)).messages);
      expect(idsOf(taken)).toEqual(ids);
      expect(taken.map((message) => message.reservedCount)).toEqual([2, 2, 2, 2, 2, 2, 2, 2, 1]);
      expect(await store.countMessages(projectId, 'q', after)).toEqual({ ready: 0, delayed: 0, reserved: 9 });
    });

    it('come back in id order once the reservation runs out, and go to the dead-letter queue past max_reservations', async () => {
      const store = ctx.store();
      const projectId = newProjectId();
      await saveSettings(store, projectId, 'q', pullSettings({ deadLetter: { queueName: 'dlq', maxReservations: 1 } }));
      await postBodies(store, projectId, 'q', ['a', 'b', 'c', 'd']);
      await store.reserveMessages(projectId, 'q', { n: 3, timeoutMs: TIMEOUT_MS, isDelete: false }, T0);
      const after = T0 + TIMEOUT_MS;
      expect(await store.countMessages(projectId, 'q', after)).toEqual({ ready: 4, delayed: 0, reserved: 0 });
      expect(bodiesOf(await store.peekMessages(projectId, 'q', 10, after))).toEqual(['a', 'b', 'c', 'd']);
      expect(await store.getMessage(projectId, 'q', (await store.peekMessages(projectId, 'q', 1, after))[0].id, after)).toMatchObject({ state: 'ready', reservedCount: 1 });
      const { messages, deadLettered } = await store.reserveMessages(projectId, 'q', { n: 4, timeoutMs: TIMEOUT_MS, isDelete: false }, after);
      expect([bodiesOf(messages), deadLettered]).toEqual([['d'], 3]);
      expect(bodiesOf(await store.peekMessages(projectId, 'dlq', 10, after))).toEqual(['a', 'b', 'c']);
      expect(await store.countMessages(projectId, 'q', after)).toEqual({ ready: 0, delayed: 0, reserved: 1 });
    });

    it('expire while held, and stay held across a restart', async () => {
      const projectId = newProjectId();
      await saveSettings(ctx.store(), projectId, 'short', pullSettings({ messageExpirationMs: 1_000 }));
      await postBodies(ctx.store(), projectId, 'short', ['x', 'y', 'z']);
      await ctx.store().reserveMessages(projectId, 'short', { n: 2, timeoutMs: 60_000, isDelete: false }, T0);
      expect((await ctx.store().getQueue(projectId, 'short', T0 + 1_000))?.size).toBe(0);
      let removed = 0;
      for (let pass = 0; pass < 5; pass++) removed += (await ctx.store().sweep(T0 + 1_000, 1_000)).removed;
      expect(removed).toBeGreaterThanOrEqual(3);
      expect(await ctx.store().countMessages(projectId, 'short', T0 + 1_000)).toEqual({ ready: 0, delayed: 0, reserved: 0 });

      const ids = await postBodies(ctx.store(), projectId, 'q', ['a', 'b', 'c']);
      const { messages } = await ctx.store().reserveMessages(projectId, 'q', { n: 2, timeoutMs: 60_000, isDelete: false }, T0);
      await ctx.reopen();
      expect(await ctx.store().getMessage(projectId, 'q', ids[1], T0 + 1)).toMatchObject({ body: 'b', state: 'reserved' });
      await ctx.store().deleteMessages(projectId, 'q', refsOf(messages), T0 + 1);
      expect(await ctx.store().countMessages(projectId, 'q', T0 + 1)).toEqual({ ready: 1, delayed: 0, reserved: 0 });
    });
  });
}
