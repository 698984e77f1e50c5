// Conformance suite, messages posted together: a store may keep a post's messages together until
// something happens to each (the SQLite store keeps them as one chunk), and every verb must still
// see each message on its own — taken a few at a time across the batches' edges, merged in id
// order with older messages whose reservation ran out, deleted from the middle, found by id,
// browsed from a cursor inside a batch, expired, redriven, cleared, and kept across a restart.
import { describe, expect, it } from 'vitest';
import type { QueueStore } from './store';
import { T0, expectEngineError, idsOf, newProjectId, postBodies, pullSettings, saveSettings, type ConformanceContext } from './store-conformance.test-helpers';

const bodiesOf = (messages: Array<{ body: string }>) => messages.map((message) => message.body);

/** Reserves n at a time until the queue gives nothing; every message it got, in order. */
async function reserveAll(store: QueueStore, projectId: string, n: number, nowMs: number) {
  const all = [];
  for (;;) {
    const { messages } = await store.reserveMessages(projectId, 'q', { n, timeoutMs: 60_000, isDelete: false }, nowMs);
    if (messages.length === 0) return all;
    all.push(...messages);
  }
}

export function describeBatchConformance(ctx: ConformanceContext): void {
  describe('messages posted together', () => {
    it('are taken a few at a time across the edges of long posts, in order, each body exact', async () => {
      const store = ctx.store();
      const projectId = newProjectId();
      // Multi-byte, astral and empty bodies among plain ones; 250 messages in one post, then 3.
      const first = Array.from({ length: 250 }, (_, i) => ['', 'é', '日本語', '😀 x', `m${i}`][i % 5] + String(i));
      const ids = [...(await postBodies(store, projectId, 'q', first)), ...(await postBodies(store, projectId, 'q', ['', 'a', '{"b":"c"}']))];
      const got = await reserveAll(store, projectId, 7, T0);
      expect(idsOf(got)).toEqual(ids);
      expect(bodiesOf(got)).toEqual([...first, '', 'a', '{"b":"c"}']);
      expect(got.every((message) => message.reservedCount === 1)).toBe(true);
      expect(await store.countMessages(projectId, 'q', T0)).toEqual({ ready: 0, delayed: 0, reserved: 253 });
    });

    it('merge in id order with older messages whose reservation ran out', async () => {
      const store = ctx.store();
      const projectId = newProjectId();
      const [a, b, c] = await postBodies(store, projectId, 'q', ['a', 'b', 'c']);
      await store.reserveMessages(projectId, 'q', { n: 1, timeoutMs: 1_000, isDelete: false }, T0);
      const later = await postBodies(store, projectId, 'q', ['d', 'e'], T0 + 10);
      const { messages } = await store.reserveMessages(projectId, 'q', { n: 4, timeoutMs: 1_000, isDelete: false }, T0 + 1_000);
      expect(idsOf(messages)).toEqual([a, b, c, later[0]]);
      expect(messages.map((message) => message.reservedCount)).toEqual([2, 1, 1, 1]);
      const peeked = await store.peekMessages(projectId, 'q', 10, T0 + 1_000);
      expect(bodiesOf(peeked)).toEqual(['e']);
    });

    it('lose one message from the middle to a delete by id, and only that one', async () => {
      const store = ctx.store();
      const projectId = newProjectId();
      const ids = await postBodies(store, projectId, 'q', ['a', 'b', 'c', 'd', 'e']);
      await store.reserveMessages(projectId, 'q', { n: 1, timeoutMs: 60_000, isDelete: true }, T0);
      await store.deleteMessages(projectId, 'q', [{ id: ids[2] }], T0);
      await expectEngineError(() => store.getMessage(projectId, 'q', ids[2], T0), 'MESSAGE_NOT_FOUND');
      expect(await store.getMessage(projectId, 'q', ids[3], T0)).toMatchObject({ body: 'd', state: 'ready', reservedCount: 0 });
      expect(await store.countMessages(projectId, 'q', T0)).toEqual({ ready: 3, delayed: 0, reserved: 0 });
      expect(bodiesOf(await reserveAll(store, projectId, 2, T0))).toEqual(['b', 'd', 'e']);
    });

    it('are found by id, peeked, browsed from a cursor inside the batch and listed newest first', async () => {
      const store = ctx.store();
      const projectId = newProjectId();
      const ids = await postBodies(store, projectId, 'q', Array.from({ length: 120 }, (_, i) => `m${i}`));
      await store.reserveMessages(projectId, 'q', { n: 2, timeoutMs: 60_000, isDelete: false }, T0);
      expect(await store.getMessage(projectId, 'q', ids[1], T0)).toMatchObject({ body: 'm1', state: 'reserved', reservedCount: 1 });
      expect(await store.getMessage(projectId, 'q', ids[110], T0)).toMatchObject({ body: 'm110', state: 'ready', createdAtMs: T0 });
      expect(bodiesOf(await store.peekMessages(projectId, 'q', 3, T0))).toEqual(['m2', 'm3', 'm4']);
      const page = await store.browseMessages(projectId, 'q', ids[97], 5, T0);
      expect(bodiesOf(page.messages)).toEqual(['m98', 'm99', 'm100', 'm101', 'm102']);
      expect(page.nextAfterId).toBe(ids[102]);
      expect(bodiesOf(await store.latestMessages(projectId, 'q', 3, T0))).toEqual(['m119', 'm118', 'm117']);
    });

    it('expire together, leave the size before the sweep and the store after it', async () => {
      const store = ctx.store();
      const projectId = newProjectId();
      await saveSettings(store, projectId, 'q', pullSettings({ messageExpirationMs: 1_000 }));
      await postBodies(store, projectId, 'q', ['a', 'b', 'c']);
      await postBodies(store, projectId, 'q', ['d', 'e'], T0 + 500);
      await store.reserveMessages(projectId, 'q', { n: 1, timeoutMs: 60_000, isDelete: false }, T0);
      expect((await store.getQueue(projectId, 'q', T0 + 1_000))?.size).toBe(2);
      expect(bodiesOf(await store.peekMessages(projectId, 'q', 10, T0 + 1_000))).toEqual(['d', 'e']);
      let removed = 0;
      for (let pass = 0; pass < 5; pass++) removed += (await store.sweep(T0 + 1_000, 1_000)).removed;
      expect(removed).toBeGreaterThanOrEqual(3);
      expect(await store.countMessages(projectId, 'q', T0 + 1_000)).toEqual({ ready: 2, delayed: 0, reserved: 0 });
      expect((await store.getQueue(projectId, 'q', T0 + 1_000))?.size).toBe(2);
    });

    it('are redriven one by one or all, each with its own body', async () => {
      const store = ctx.store();
      const projectId = newProjectId();
      await saveSettings(store, projectId, 'work', pullSettings());
      const ids = await postBodies(store, projectId, 'q', ['a', 'b', 'c', 'd']);
      await postBodies(store, projectId, 'other', ['x', 'y', 'z']);
      const redrive = async (sourceQueue: string, messageIds: string[] | null) => {
        const id = newProjectId();
        const job = { id, projectId, sourceQueue, targetQueue: 'work', messageIds, bodies: {}, ratePerSecond: 100, isErrorReport: false };
        await store.createRedrive(job, T0);
        return (await store.moveRedriveBatch(id, 10, 5_000, T0 + 1)).moved;
      };
      expect(await redrive('q', [ids[2]])).toBe(1);
      expect(bodiesOf(await store.peekMessages(projectId, 'q', 10, T0 + 1))).toEqual(['a', 'b', 'd']);
      expect(await redrive('q', null)).toBe(3);
      expect(await redrive('other', null)).toBe(3);
      expect(bodiesOf(await store.peekMessages(projectId, 'work', 10, T0 + 1))).toEqual(['c', 'a', 'b', 'd', 'x', 'y', 'z']);
      expect(await store.countMessages(projectId, 'q', T0 + 1)).toEqual({ ready: 0, delayed: 0, reserved: 0 });
      expect(await store.countMessages(projectId, 'other', T0 + 1)).toEqual({ ready: 0, delayed: 0, reserved: 0 });
      expect(await store.peekMessages(projectId, 'other', 10, T0 + 1)).toEqual([]);
    });

    it('go with a clear, and stay across restarts half taken', async () => {
      const projectId = newProjectId();
      await postBodies(ctx.store(), projectId, 'gone', ['x', 'y']);
      expect((await ctx.store().clearMessages(projectId, 'gone')).removed).toBe(2);
      expect(await ctx.store().peekMessages(projectId, 'gone', 10, T0)).toEqual([]);
      const ids = await postBodies(ctx.store(), projectId, 'q', ['a', 'b', 'c', 'd']);
      await ctx.store().reserveMessages(projectId, 'q', { n: 1, timeoutMs: 60_000, isDelete: true }, T0);
      await ctx.reopen();
      const { messages } = await ctx.store().reserveMessages(projectId, 'q', { n: 2, timeoutMs: 60_000, isDelete: false }, T0);
      expect(idsOf(messages)).toEqual(ids.slice(1, 3));
      await ctx.reopen();
      expect(bodiesOf(await ctx.store().peekMessages(projectId, 'q', 10, T0))).toEqual(['d']);
      expect(await ctx.store().getMessage(projectId, 'q', ids[1], T0)).toMatchObject({ body: 'b', state: 'reserved' });
      expect(await ctx.store().countMessages(projectId, 'q', T0)).toEqual({ ready: 1, delayed: 0, reserved: 2 });
    });
  });
}
