// Conformance suite, everything around the message verbs: clear, counts, next due instant,
// sweeping, browsing, concurrent callers and durability across a reopen.
import { describe, expect, it } from 'vitest';
import {
  T0,
  expectEngineError,
  idsOf,
  newMessage,
  newProjectId,
  postBodies,
  pullSettings,
  saveSettings,
  type ConformanceContext,
} from './store-conformance.test-helpers';

const RESERVE_ONE = { n: 1, isDelete: false };

/** Sweeps until a round removes nothing; returns the total removed. */
async function sweepAll(ctx: ConformanceContext, nowMs: number, limit: number): Promise<number> {
  let total = 0;
  for (let round = 0; round < 1_000; round++) {
    const { removed } = await ctx.store().sweep(nowMs, limit);
    total += removed;
    if (removed === 0) return total;
  }
  throw new Error('sweep never finished');
}

export function describeHousekeepingConformance(ctx: ConformanceContext): void {
  describe('clear, counts and due instants', () => {
    it('clearMessages empties the queue for good but keeps total_messages, id and settings', async () => {
      const projectId = newProjectId();
      const settings = pullSettings({ messageTimeoutMs: 5_000, deadLetter: { queueName: 'dlq', maxReservations: 4 } });
      const queue = await saveSettings(ctx.store(), projectId, 'q', settings);
      const ids = await postBodies(ctx.store(), projectId, 'q', ['a', 'b', 'c']);
      await ctx.store().postMessages(projectId, 'q', [newMessage('later', 30_000)], T0);
      await ctx.store().reserveMessages(projectId, 'q', { n: 1, timeoutMs: 1_000, isDelete: false }, T0);

      await ctx.store().clearMessages(projectId, 'q');
      expect(await ctx.store().getQueue(projectId, 'q')).toEqual({ ...queue, size: 0, totalMessages: 4 });
      // Neither the timed-out reservation nor the delayed message comes back.
      const later = T0 + 3_600_000;
      expect(await ctx.store().peekMessages(projectId, 'q', 100, later)).toEqual([]);
      expect((await ctx.store().reserveMessages(projectId, 'q', { n: 100, isDelete: false }, later)).messages).toEqual([]);
      expect((await ctx.store().browseMessages(projectId, 'q', null, 100, later)).messages).toEqual([]);
      for (const id of ids) await expectEngineError(() => ctx.store().getMessage(projectId, 'q', id, later), 'MESSAGE_NOT_FOUND');
      expect(await ctx.store().countMessages(projectId, 'q', later)).toEqual({ ready: 0, delayed: 0, reserved: 0 });

      const [fresh] = await postBodies(ctx.store(), projectId, 'q', ['fresh'], later);
      expect(idsOf(await ctx.store().peekMessages(projectId, 'q', 100, later))).toEqual([fresh]);
      expect(await ctx.store().getQueue(projectId, 'q')).toMatchObject({ size: 1, totalMessages: 5 });
      await expectEngineError(() => ctx.store().clearMessages(projectId, 'missing'), 'QUEUE_NOT_FOUND');
    });

    it('countMessages splits the stored messages by state as of nowMs', async () => {
      const projectId = newProjectId();
      await postBodies(ctx.store(), projectId, 'q', ['a', 'b', 'c', 'd']);
      await ctx.store().postMessages(projectId, 'q', [newMessage('later', 5_000)], T0);
      await ctx.store().reserveMessages(projectId, 'q', { n: 2, timeoutMs: 10_000, isDelete: false }, T0);
      const count = (nowMs: number) => ctx.store().countMessages(projectId, 'q', nowMs);
      expect(await count(T0)).toEqual({ ready: 2, delayed: 1, reserved: 2 });
      expect(await count(T0 + 5_000)).toEqual({ ready: 3, delayed: 0, reserved: 2 });
      expect(await count(T0 + 10_000)).toEqual({ ready: 5, delayed: 0, reserved: 0 });
      await expectEngineError(() => ctx.store().countMessages(projectId, 'missing', T0), 'QUEUE_NOT_FOUND');
    });

    it('nextDueAtMs names the earliest delayed or reserved message, else undefined', async () => {
      const projectId = newProjectId();
      expect(await ctx.store().nextDueAtMs(projectId, 'missing', T0)).toBeUndefined();
      const [first] = await postBodies(ctx.store(), projectId, 'q', ['ready']);
      expect(await ctx.store().nextDueAtMs(projectId, 'q', T0)).toBeUndefined();
      const [delayed] = (await ctx.store().postMessages(projectId, 'q', [newMessage('later', 5_000)], T0)).ids;
      expect(await ctx.store().nextDueAtMs(projectId, 'q', T0)).toBe(T0 + 5_000);
      const { messages } = await ctx.store().reserveMessages(projectId, 'q', { n: 1, timeoutMs: 3_000, isDelete: false }, T0);
      expect(await ctx.store().nextDueAtMs(projectId, 'q', T0)).toBe(T0 + 3_000);
      await ctx.store().deleteMessages(projectId, 'q', [{ id: first, reservationId: messages[0].reservationId }], T0);
      expect(await ctx.store().nextDueAtMs(projectId, 'q', T0)).toBe(T0 + 5_000);
      await ctx.store().deleteMessages(projectId, 'q', [{ id: delayed }], T0);
      expect(await ctx.store().nextDueAtMs(projectId, 'q', T0)).toBeUndefined();
    });
  });

  describe('sweep', () => {
    it('expired messages vanish in every state at once, and sweep removes them and fixes size', async () => {
      const projectId = newProjectId();
      await saveSettings(ctx.store(), projectId, 'q', pullSettings({ messageExpirationMs: 60_000 }));
      const ids = await postBodies(ctx.store(), projectId, 'q', ['reserved', 'ready']);
      const [delayed] = (await ctx.store().postMessages(projectId, 'q', [newMessage('delayed', 90_000)], T0)).ids;
      await ctx.store().reserveMessages(projectId, 'q', { n: 1, timeoutMs: 120_000, isDelete: false }, T0);

      await sweepAll(ctx, T0 + 59_999, 1_000);
      expect(await ctx.store().getQueue(projectId, 'q')).toMatchObject({ size: 3, totalMessages: 3 });
      expect(idsOf(await ctx.store().peekMessages(projectId, 'q', 10, T0 + 59_999))).toEqual([ids[1]]);

      const expiry = T0 + 60_000;
      for (const id of [...ids, delayed]) {
        await expectEngineError(() => ctx.store().getMessage(projectId, 'q', id, expiry), 'MESSAGE_NOT_FOUND');
      }
      expect(await ctx.store().peekMessages(projectId, 'q', 10, expiry)).toEqual([]);
      expect((await ctx.store().reserveMessages(projectId, 'q', { n: 10, isDelete: false }, expiry)).messages).toEqual([]);
      expect((await ctx.store().browseMessages(projectId, 'q', null, 10, expiry)).messages).toEqual([]);

      expect(await sweepAll(ctx, expiry, 1_000)).toBeGreaterThanOrEqual(3);
      expect(await ctx.store().getQueue(projectId, 'q')).toMatchObject({ size: 0, totalMessages: 3 });
      expect(await ctx.store().countMessages(projectId, 'q', expiry)).toEqual({ ready: 0, delayed: 0, reserved: 0 });
    });

    it('works in batches of about `limit` and purges the messages of cleared queues', async () => {
      const projectId = newProjectId();
      await saveSettings(ctx.store(), projectId, 'expiring', pullSettings({ messageExpirationMs: 1_000 }));
      await postBodies(ctx.store(), projectId, 'expiring', Array.from({ length: 25 }, (_, i) => `e${i}`));
      await postBodies(ctx.store(), projectId, 'cleared', Array.from({ length: 30 }, (_, i) => `c${i}`));
      await ctx.store().reserveMessages(projectId, 'cleared', { n: 5, isDelete: false }, T0);
      await ctx.store().clearMessages(projectId, 'cleared');

      const first = (await ctx.store().sweep(T0 + 1_000, 10)).removed;
      expect(first).toBeGreaterThan(0);
      // "About" limit: a small multiple at most, so one round never holds the event loop long.
      expect(first).toBeLessThanOrEqual(3 * 10);
      expect(await sweepAll(ctx, T0 + 1_000, 10)).toBeGreaterThanOrEqual(55 - first);
      expect(await ctx.store().sweep(T0 + 1_000, 10)).toEqual({ removed: 0, expired: [] });
      expect(await ctx.store().getQueue(projectId, 'expiring')).toMatchObject({ size: 0, totalMessages: 25 });
      expect(await ctx.store().getQueue(projectId, 'cleared')).toMatchObject({ size: 0, totalMessages: 30 });
    });

    it('reports the queues that lost expired messages with their counts, not cleared leftovers', async () => {
      const projectId = newProjectId();
      await saveSettings(ctx.store(), projectId, 'short', pullSettings({ messageExpirationMs: 1_000 }));
      await postBodies(ctx.store(), projectId, 'short', ['a', 'b', 'c']);
      await postBodies(ctx.store(), projectId, 'long', ['kept']);
      await saveSettings(ctx.store(), projectId, 'cleared', pullSettings({ messageExpirationMs: 1_000 }));
      await postBodies(ctx.store(), projectId, 'cleared', ['x', 'y']);
      await ctx.store().clearMessages(projectId, 'cleared');

      const reported: Record<string, number> = {};
      for (let round = 0; round < 100; round++) {
        const { removed, expired } = await ctx.store().sweep(T0 + 1_000, 1_000);
        for (const queue of expired.filter((e) => e.projectId === projectId)) {
          reported[queue.queueName] = (reported[queue.queueName] ?? 0) + queue.count;
        }
        if (removed === 0) break;
      }
      expect(reported).toEqual({ short: 3 });
    });
  });

  describe('browseMessages', () => {
    it('pages through every state in id order with a cursor', async () => {
      const projectId = newProjectId();
      const [r1] = await postBodies(ctx.store(), projectId, 'q', ['r1']);
      const [d2] = (await ctx.store().postMessages(projectId, 'q', [newMessage('d2', 5_000)], T0)).ids;
      const rest = await postBodies(ctx.store(), projectId, 'q', ['r3', 'r4', 'r5']);
      await ctx.store().reserveMessages(projectId, 'q', { n: 1, timeoutMs: 10_000, isDelete: false }, T0);

      const page1 = await ctx.store().browseMessages(projectId, 'q', null, 2, T0);
      expect(page1.messages.map((m) => [m.id, m.state, m.dueAtMs])).toEqual([
        [r1, 'reserved', T0 + 10_000],
        [d2, 'delayed', T0 + 5_000],
      ]);
      expect(page1.nextAfterId).toBe(d2);
      const page2 = await ctx.store().browseMessages(projectId, 'q', page1.nextAfterId, 2, T0);
      expect(page2.messages.map((m) => [m.id, m.state, m.body])).toEqual([[rest[0], 'ready', 'r3'], [rest[1], 'ready', 'r4']]);
      const page3 = await ctx.store().browseMessages(projectId, 'q', page2.nextAfterId, 2, T0);
      expect(idsOf(page3.messages)).toEqual([rest[2]]);
      expect(page3.nextAfterId).toBeNull();

      const whole = await ctx.store().browseMessages(projectId, 'q', null, 5, T0 + 10_000);
      expect(whole.messages.map((m) => m.state)).toEqual(['ready', 'ready', 'ready', 'ready', 'ready']);
      expect(whole.nextAfterId).toBeNull();
      await expectEngineError(() => ctx.store().browseMessages(projectId, 'missing', null, 5, T0), 'QUEUE_NOT_FOUND');
    });
  });

  describe('concurrency', () => {
    it('never hands the same message to two of many concurrent reserves', async () => {
      const projectId = newProjectId();
      await postBodies(ctx.store(), projectId, 'q', Array.from({ length: 100 }, (_, i) => `m${i}`));
      const results = await Promise.all(
        Array.from({ length: 20 }, () => ctx.store().reserveMessages(projectId, 'q', { n: 5, isDelete: false }, T0)),
      );
      const ids = results.flatMap((result) => idsOf(result.messages));
      for (const result of results) expect(result.messages.length).toBeLessThanOrEqual(5);
      expect(ids).toHaveLength(100);
      expect(new Set(ids).size).toBe(100);
      expect((await ctx.store().reserveMessages(projectId, 'q', RESERVE_ONE, T0)).messages).toEqual([]);
    });

    it('concurrent posts get distinct ids; of two racing deletes or touches exactly one wins', async () => {
      const projectId = newProjectId();
      const posts = await Promise.all(
        Array.from({ length: 10 }, (_, p) => postBodies(ctx.store(), projectId, 'q', Array.from({ length: 10 }, (_, i) => `${p}-${i}`))),
      );
      expect(new Set(posts.flat()).size).toBe(100);
      expect(await ctx.store().getQueue(projectId, 'q')).toMatchObject({ size: 100, totalMessages: 100 });

      const [held] = (await ctx.store().reserveMessages(projectId, 'q', RESERVE_ONE, T0)).messages;
      const ref = { id: held.id, reservationId: held.reservationId };
      const touches = await Promise.allSettled([1, 2].map(() => ctx.store().touchMessage(projectId, 'q', ref, 5_000, T0 + 1)));
      expect(touches.map((t) => t.status).sort()).toEqual(['fulfilled', 'rejected']);
      const deletes = await Promise.allSettled([1, 2].map(() => ctx.store().deleteMessages(projectId, 'q', [{ id: posts[9][9] }], T0)));
      expect(deletes.map((d) => d.status).sort()).toEqual(['fulfilled', 'rejected']);
      expect(await ctx.store().getQueue(projectId, 'q')).toMatchObject({ size: 99 });
    });
  });

  describe('durability', () => {
    it('a store reopened over the same data sees every acknowledged and pending write', async () => {
      const projectId = newProjectId();
      const settings = pullSettings({ messageTimeoutMs: 20_000, deadLetter: { queueName: 'dlq', maxReservations: 3 } });
      await saveSettings(ctx.store(), projectId, 'q', settings);
      const ids = await postBodies(ctx.store(), projectId, 'q', ['a', 'b']);
      await ctx.store().postMessages(projectId, 'q', [newMessage('later', 5_000)], T0);
      const [held] = (await ctx.store().reserveMessages(projectId, 'q', RESERVE_ONE, T0)).messages;
      const queueBefore = await ctx.store().getQueue(projectId, 'q');
      const pageBefore = await ctx.store().browseMessages(projectId, 'q', null, 100, T0);
      // Not awaited: close() must flush it.
      const pending = postBodies(ctx.store(), projectId, 'unawaited', ['x']);

      const reopened = await ctx.reopen();
      expect(await pending).toHaveLength(1);
      expect(await reopened.getQueue(projectId, 'q')).toEqual(queueBefore);
      expect(await reopened.browseMessages(projectId, 'q', null, 100, T0)).toEqual(pageBefore);
      expect(await reopened.getQueue(projectId, 'unawaited')).toMatchObject({ size: 1 });
      expect(await reopened.nextDueAtMs(projectId, 'q', T0)).toBe(T0 + 5_000);
      await reopened.deleteMessages(projectId, 'q', [{ id: ids[0], reservationId: held.reservationId }], T0 + 1);
      // Even at an earlier instant, ids keep increasing across the restart.
      const [next] = await postBodies(reopened, projectId, 'q', ['after restart'], T0 - 3_600_000);
      expect(BigInt(next)).toBeGreaterThan(BigInt(pageBefore.messages[2].id));
    });
  });
}
