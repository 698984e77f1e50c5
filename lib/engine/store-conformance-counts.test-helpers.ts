// Conformance suite, counts by state: countMessages must agree with the messages themselves after
// every change a queue's messages go through, in any order. A store may count by keeping
// counters (the SQLite store does, so that counting never reads every held message); a change
// that forgets its counter shows here as a count that drifts from what browsing finds.
import { describe, expect, it } from 'vitest';
import { EngineError } from './errors';
import type { QueueStore } from './store';
import { claimOne, nameOf, openPushQueue, pushSettings, subscriber } from './store-conformance-push-fixtures.test-helpers';
import { T0, newMessage, newProjectId, postBodies, pullSettings, saveSettings, type ConformanceContext } from './store-conformance.test-helpers';
import type { MessageRef, QueueCounts } from './types';

/** What browsing finds in the queue as of `nowMs`, by state. */
async function browsedCounts(store: QueueStore, projectId: string, name: string, nowMs: number): Promise<QueueCounts> {
  const counts: QueueCounts = { ready: 0, delayed: 0, reserved: 0 };
  let after: string | null = null;
  do {
    const page = await store.browseMessages(projectId, name, after, 100, nowMs);
    for (const message of page.messages) if (!message.isDelivered) counts[message.state] += 1;
    after = page.nextAfterId;
  } while (after !== null);
  return counts;
}

/** A small deterministic source of [0, 1), so a failing sequence can be replayed. */
function seeded(seed: number): () => number {
  let state = seed;
  return () => {
    state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
    return state / 2_147_483_648;
  };
}

/** Runs a change that may be refused (a stale reservation, a message gone); a refusal changes nothing. */
async function tolerated(change: () => Promise<unknown>): Promise<void> {
  try {
    await change();
  } catch (error) {
    if (!(error instanceof EngineError) && (error as { name?: string }).name !== 'EngineError') throw error;
  }
}

export function describeCountConformance(ctx: ConformanceContext): void {
  describe('countMessages', () => {
    it('agrees with the stored messages after every kind of change, however they interleave', async () => {
      const store = ctx.store();
      const projectId = newProjectId();
      const deadLetter = { queueName: 'dlq', maxReservations: 3 };
      await saveSettings(store, projectId, 'q', pullSettings({ messageTimeoutMs: 4_000, messageExpirationMs: 12_000, deadLetter }));
      const random = seeded(20261203);
      const below = (n: number) => Math.floor(random() * n);
      let nowMs = T0;
      // Reservations handed out; some go stale as time passes, and their use is then refused.
      let held: MessageRef[] = [];
      const takeHeld = (n: number) => held.splice(below(Math.max(held.length - n + 1, 1)), n);

      for (let step = 0; step < 250; step++) {
        const roll = random();
        if (roll < 0.2) {
          const messages = Array.from({ length: 1 + below(4) }, (_, i) => newMessage(`s${step}m${i}`, random() < 0.3 ? 1_000 * (1 + below(12)) : 0));
          await store.postMessages(projectId, 'q', messages, nowMs);
        } else if (roll < 0.25) {
          await postBodies(store, projectId, 'q', ['p1', 'p2', 'p3'], nowMs);
        } else if (roll < 0.45) {
          const request = { n: 1 + below(4), timeoutMs: 1_000 * (1 + below(10)), isDelete: random() < 0.2 };
          const { messages } = await store.reserveMessages(projectId, 'q', request, nowMs);
          if (!request.isDelete) held.push(...messages.map(({ id, reservationId }) => ({ id, reservationId })));
        } else if (roll < 0.55) {
          const refs = takeHeld(1 + below(3));
          if (refs.length > 0) await tolerated(() => store.deleteMessages(projectId, 'q', refs, nowMs));
        } else if (roll < 0.6) {
          const { messages } = await store.browseMessages(projectId, 'q', null, 20, nowMs);
          if (messages.length > 0) await tolerated(() => store.deleteMessages(projectId, 'q', [{ id: messages[below(messages.length)].id }], nowMs));
        } else if (roll < 0.68) {
          const [ref] = takeHeld(1);
          if (ref) await tolerated(() => store.releaseMessage(projectId, 'q', ref, random() < 0.5 ? 0 : 1_000 * (1 + below(5)), nowMs));
        } else if (roll < 0.73) {
          const [ref] = takeHeld(1);
          if (ref) {
            await tolerated(async () => {
              const touched = await store.touchMessage(projectId, 'q', ref, 1_000 * (1 + below(5)), nowMs);
              held.push({ id: touched.id, reservationId: touched.reservationId });
            });
          }
        } else if (roll < 0.74) {
          await store.clearMessages(projectId, 'q');
          held = [];
        } else {
          nowMs += below(2_500);
        }

        // Expired messages leave the counts only when swept; browsing never shows them.
        while ((await store.sweep(nowMs, 1_000)).removed > 0);
        for (const name of ['q', 'dlq']) {
          if (!(await store.getQueue(projectId, name))) continue;
          const browsed = await browsedCounts(store, projectId, name, nowMs);
          expect({ step, name, counts: await store.countMessages(projectId, name, nowMs) }).toEqual({ step, name, counts: browsed });
          const size = browsed.ready + browsed.delayed + browsed.reserved;
          expect({ step, name, size: (await store.getQueue(projectId, name))!.size }).toEqual({ step, name, size });
        }
      }
      // The sequence went through every state, so a quiet one cannot pass for a thorough one.
      expect((await store.getQueue(projectId, 'dlq'))?.totalMessages ?? 0).toBeGreaterThan(0);
    });

    it('stays exact when more held messages are due than it reads, and across a restart', async () => {
      const projectId = newProjectId();
      const delayed = Array.from({ length: 1_200 }, (_, i) => newMessage(`d${i}`, 1_000));
      await ctx.store().postMessages(projectId, 'q', [...delayed, newMessage('late', 60_000)], T0);
      await postBodies(ctx.store(), projectId, 'q', ['a', 'b', 'c']);
      await ctx.store().reserveMessages(projectId, 'q', { n: 2, timeoutMs: 30_000, isDelete: false }, T0);
      expect(await ctx.store().countMessages(projectId, 'q', T0)).toEqual({ ready: 1, delayed: 1_201, reserved: 2 });
      // 1,200 delayed messages are due now, and the reserved two are not.
      expect(await ctx.store().countMessages(projectId, 'q', T0 + 1_000)).toEqual({ ready: 1_201, delayed: 1, reserved: 2 });
      await ctx.reopen();
      expect(await ctx.store().countMessages(projectId, 'q', T0 + 30_000)).toEqual({ ready: 1_203, delayed: 1, reserved: 0 });
    });

    it('stays exact when more than a thousand reserves of a posted batch ran out at once', async () => {
      const store = ctx.store();
      const projectId = newProjectId();
      await postBodies(store, projectId, 'q', Array.from({ length: 1_003 }, (_, i) => `m${i}`));
      // One reserve at a time: each holds what it took on its own (a held span in the SQLite store).
      for (let i = 0; i < 1_001; i++) await store.reserveMessages(projectId, 'q', { n: 1, timeoutMs: 1_000, isDelete: false }, T0);
      await store.reserveMessages(projectId, 'q', { n: 1, timeoutMs: 60_000, isDelete: false }, T0);
      expect(await store.countMessages(projectId, 'q', T0)).toEqual({ ready: 1, delayed: 0, reserved: 1_002 });
      expect(await store.countMessages(projectId, 'q', T0 + 1_000)).toEqual({ ready: 1_002, delayed: 0, reserved: 1 });
    });

    it('follows held messages that a redrive moves out', async () => {
      const store = ctx.store();
      const projectId = newProjectId();
      await saveSettings(store, projectId, 'work', pullSettings());
      await store.postMessages(projectId, 'dlq', [newMessage('a'), newMessage('b'), newMessage('c', 5_000)], T0);
      await store.reserveMessages(projectId, 'dlq', { n: 1, timeoutMs: 30_000, isDelete: false }, T0);
      expect(await store.countMessages(projectId, 'dlq', T0)).toEqual({ ready: 1, delayed: 1, reserved: 1 });
      const id = newProjectId();
      const job = { id, projectId, sourceQueue: 'dlq', targetQueue: 'work', messageIds: null, bodies: {}, ratePerSecond: 100, isErrorReport: false };
      await store.createRedrive(job, T0);
      expect((await store.moveRedriveBatch(id, 10, 5_000, T0 + 1)).moved).toBe(3);
      expect(await store.countMessages(projectId, 'dlq', T0 + 1)).toEqual({ ready: 0, delayed: 0, reserved: 0 });
      expect(await store.countMessages(projectId, 'work', T0 + 1)).toEqual({ ready: 3, delayed: 0, reserved: 0 });
    });

    it('counts a delayed push message as delayed until it is due, and not once it was delivered', async () => {
      const { store, projectId, ids } = await openPushQueue(ctx, pushSettings('multicast', [subscriber('a')]), [newMessage('later', 5_000)]);
      expect(await store.countMessages(projectId, 'q', T0)).toEqual({ ready: 0, delayed: 1, reserved: 0 });
      const attempt = await claimOne(store, T0 + 5_000);
      expect(attempt.messageId).toBe(ids[0]);
      const outcome = { messageId: attempt.messageId, subscriberName: nameOf(attempt), reservationId: attempt.reservationId, statusCode: 200, result: 'delivered' as const, errorMessage: null };
      await store.recordDeliveryOutcome(outcome, T0 + 5_001);
      expect(await store.getQueue(projectId, 'q')).toMatchObject({ size: 0 });
      expect(await store.countMessages(projectId, 'q', T0 + 5_001)).toEqual({ ready: 0, delayed: 0, reserved: 0 });
      // The counters were not left behind: a new delayed message counts as one.
      await store.postMessages(projectId, 'q', [newMessage('again', 5_000)], T0 + 5_002);
      expect(await store.countMessages(projectId, 'q', T0 + 5_002)).toEqual({ ready: 0, delayed: 1, reserved: 0 });
    });
  });
}
