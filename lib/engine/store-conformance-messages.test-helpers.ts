// Conformance suite, messages: post, reserve (FIFO, timeouts, delays, isDelete, dead letter),
// peek and getMessage, with the size and total_messages counters checked along the way.
import { describe, expect, it } from 'vitest';
import { DEFAULT_MESSAGE_EXPIRATION_MS, DEFAULT_MESSAGE_TIMEOUT_MS, MAX_MESSAGES_PER_POST } from './limits';
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

export function describeMessageConformance(ctx: ConformanceContext): void {
  describe('post, reserve and peek', () => {
    it('postMessages creates a missing queue as a pull queue with default settings', async () => {
      const projectId = newProjectId();
      await postBodies(ctx.store(), projectId, 'auto', ['']);
      expect(await ctx.store().getQueue(projectId, 'auto')).toMatchObject({
        ...pullSettings(),
        size: 1,
        totalMessages: 1,
        createdAtMs: T0,
      });
    });

    it('gives increasing decimal-string ids in request order, across posts', async () => {
      const projectId = newProjectId();
      const first = await postBodies(ctx.store(), projectId, 'q', ['1', '2', '3']);
      // An earlier instant must not make ids go backwards.
      const second = await postBodies(ctx.store(), projectId, 'q', ['4', '5'], T0 - 60_000);
      const ids = [...first, ...second];
      for (const id of ids) expect(id).toMatch(/^[1-9][0-9]*$/);
      const numbers = ids.map((id) => BigInt(id));
      for (let i = 1; i < numbers.length; i++) expect(numbers[i]).toBeGreaterThan(numbers[i - 1]);
      expect(await ctx.store().getQueue(projectId, 'q')).toMatchObject({ size: 5, totalMessages: 5 });
    });

    it('posts all or none: a message the store cannot take fails the whole post', async () => {
      const projectId = newProjectId();
      const broken = { ...newMessage('x'), body: null as unknown as string };
      const post = (name: string) =>
        ctx.store().postMessages(projectId, name, [newMessage('a'), newMessage('b'), broken], T0);
      await expect(post('fresh')).rejects.toThrow();
      expect(await ctx.store().getQueue(projectId, 'fresh')).toBeUndefined();

      await postBodies(ctx.store(), projectId, 'existing', ['kept']);
      await expect(post('existing')).rejects.toThrow();
      expect(await ctx.store().getQueue(projectId, 'existing')).toMatchObject({ size: 1, totalMessages: 1 });
      const peeked = await ctx.store().peekMessages(projectId, 'existing', 100, T0);
      expect(peeked.map((m) => m.body)).toEqual(['kept']);
    });

    it('stores every body exactly as given, in a batch and alone', async () => {
      const projectId = newProjectId();
      const bodies = [
        '', 'plain', 'ünïcödé 😀 中文', 'quote " backslash \\ slash /', '{"json":[1,2]}', '123', 'null',
        'line\nbreak\ttab\r', 'nul\u0000inside', '\u0001control', '\uffff\uffff0 escape-like', 'x'.repeat(70_000),
      ];
      // Twice: a store may post to a queue it already knows another way than to a new one.
      await postBodies(ctx.store(), projectId, 'batch', bodies);
      await postBodies(ctx.store(), projectId, 'batch', bodies);
      for (const body of bodies) await postBodies(ctx.store(), projectId, 'alone', [body]);
      expect((await ctx.store().peekMessages(projectId, 'batch', 100, T0)).map((m) => m.body)).toEqual([...bodies, ...bodies]);
      expect((await ctx.store().peekMessages(projectId, 'alone', 100, T0)).map((m) => m.body)).toEqual(bodies);
    });

    it('stores the largest batch a post may hold, every body in its place', async () => {
      const projectId = newProjectId();
      const bodies = Array.from({ length: MAX_MESSAGES_PER_POST }, (_, i) => `message ${i}`);
      const ids = await postBodies(ctx.store(), projectId, 'q', bodies);
      const taken: string[] = [];
      for (let round = 0; round < MAX_MESSAGES_PER_POST / 100; round += 1) {
        const reserved = await ctx.store().reserveMessages(projectId, 'q', { n: 100, isDelete: true }, T0);
        taken.push(...reserved.messages.map((m) => `${m.id}:${m.body}`));
      }
      expect(taken).toEqual(bodies.map((body, i) => `${ids[i]}:${body}`));
      expect(new Set(ids).size).toBe(MAX_MESSAGES_PER_POST);
    });

    it('reserves available messages in FIFO order with fresh reservations', async () => {
      const projectId = newProjectId();
      const ids = await postBodies(ctx.store(), projectId, 'q', ['a', 'b', 'c', 'd', 'e']);
      const first = await ctx.store().reserveMessages(projectId, 'q', { n: 3, isDelete: false }, T0 + 1);
      expect(first.deadLettered).toBe(0);
      expect(first.messages).toEqual(
        ['a', 'b', 'c'].map((body, i) => ({
          id: ids[i],
          body,
          reservedCount: 1,
          reservationId: expect.stringMatching(/^[0-9a-f]{32}$/),
          reservedUntilMs: T0 + 1 + DEFAULT_MESSAGE_TIMEOUT_MS,
          timeoutMs: DEFAULT_MESSAGE_TIMEOUT_MS,
        })),
      );
      expect(new Set(first.messages.map((m) => m.reservationId)).size).toBe(3);
      const second = await ctx.store().reserveMessages(projectId, 'q', { n: 3, timeoutMs: 5_000, isDelete: false }, T0 + 2);
      expect(idsOf(second.messages)).toEqual(ids.slice(3));
      expect(second.messages[0]).toMatchObject({ timeoutMs: 5_000, reservedUntilMs: T0 + 5_002 });
      expect((await ctx.store().reserveMessages(projectId, 'q', RESERVE_ONE, T0 + 3)).messages).toEqual([]);
      expect(await ctx.store().getQueue(projectId, 'q')).toMatchObject({ size: 5, totalMessages: 5 });
    });

    it('reserve and peek refuse a missing queue; reserve refuses a push queue', async () => {
      const projectId = newProjectId();
      await expectEngineError(() => ctx.store().reserveMessages(projectId, 'missing', RESERVE_ONE, T0), 'QUEUE_NOT_FOUND');
      await expectEngineError(() => ctx.store().peekMessages(projectId, 'missing', 1, T0), 'QUEUE_NOT_FOUND');
      const push = {
        ...pullSettings(),
        type: 'multicast' as const,
        push: { subscribers: [{ name: 's', url: 'http://example.com', headers: {} }], retries: 3, retriesDelayMs: 60_000, errorQueue: '' },
      };
      await saveSettings(ctx.store(), projectId, 'push', push);
      await expectEngineError(() => ctx.store().reserveMessages(projectId, 'push', RESERVE_ONE, T0), 'NOT_A_PULL_QUEUE');
    });

    it('hides a reserved message until its deadline, then puts it back at the front', async () => {
      const projectId = newProjectId();
      const [a, b, c] = await postBodies(ctx.store(), projectId, 'q', ['a', 'b', 'c']);
      const held = await ctx.store().reserveMessages(projectId, 'q', { n: 1, timeoutMs: 10_000, isDelete: false }, T0);
      expect(idsOf(held.messages)).toEqual([a]);
      expect(idsOf(await ctx.store().peekMessages(projectId, 'q', 10, T0 + 9_999))).toEqual([b, c]);
      expect(idsOf(await ctx.store().peekMessages(projectId, 'q', 10, T0 + 10_000))).toEqual([a, b, c]);
      const again = await ctx.store().reserveMessages(projectId, 'q', RESERVE_ONE, T0 + 10_000);
      expect(again.messages[0]).toMatchObject({ id: a, reservedCount: 2 });
      expect(again.messages[0].reservationId).not.toBe(held.messages[0].reservationId);
    });

    it('hides a delayed message until it falls due, keeping its enqueue place', async () => {
      const projectId = newProjectId();
      const [late, now] = (await ctx.store().postMessages(projectId, 'q', [newMessage('late', 5_000), newMessage('now')], T0)).ids;
      expect(await ctx.store().getQueue(projectId, 'q')).toMatchObject({ size: 2, totalMessages: 2 });
      expect(idsOf(await ctx.store().peekMessages(projectId, 'q', 10, T0 + 4_999))).toEqual([now]);
      const early = await ctx.store().reserveMessages(projectId, 'q', { n: 10, isDelete: false }, T0 + 4_999);
      expect(idsOf(early.messages)).toEqual([now]);
      const due = await ctx.store().reserveMessages(projectId, 'q', { n: 10, isDelete: false }, T0 + 5_000);
      expect(idsOf(due.messages)).toEqual([late]);
    });

    it('counts every reservation in reserved_count', async () => {
      const projectId = newProjectId();
      const [id] = await postBodies(ctx.store(), projectId, 'q', ['a']);
      for (let round = 1; round <= 3; round++) {
        const nowMs = T0 + (round - 1) * 2_000;
        const { messages } = await ctx.store().reserveMessages(projectId, 'q', { n: 1, timeoutMs: 1_000, isDelete: false }, nowMs);
        expect(messages[0]).toMatchObject({ id, reservedCount: round });
      }
      expect(await ctx.store().getMessage(projectId, 'q', id, T0 + 10_000)).toMatchObject({ reservedCount: 3, state: 'ready' });
    });

    it('isDelete hands messages out and deletes them at once', async () => {
      const projectId = newProjectId();
      const [a, b, c] = await postBodies(ctx.store(), projectId, 'q', ['a', 'b', 'c']);
      const { messages } = await ctx.store().reserveMessages(projectId, 'q', { n: 2, isDelete: true }, T0);
      expect(messages.map((m) => [m.id, m.body, m.reservedCount])).toEqual([[a, 'a', 1], [b, 'b', 1]]);
      expect(await ctx.store().getQueue(projectId, 'q')).toMatchObject({ size: 1, totalMessages: 3 });
      await expectEngineError(() => ctx.store().getMessage(projectId, 'q', a, T0), 'MESSAGE_NOT_FOUND');
      expect(idsOf(await ctx.store().peekMessages(projectId, 'q', 10, T0 + 3_600_000))).toEqual([c]);
    });

    it('peek returns available messages in order, skips reserved and delayed ones, and changes nothing', async () => {
      const projectId = newProjectId();
      const [a, b, c] = await postBodies(ctx.store(), projectId, 'q', ['a', 'b', 'c']);
      await ctx.store().postMessages(projectId, 'q', [newMessage('later', 60_000)], T0);
      expect(await ctx.store().peekMessages(projectId, 'q', 7, T0)).toMatchObject([
        { id: a, body: 'a', reservedCount: 0 },
        { id: b, body: 'b', reservedCount: 0 },
        { id: c, body: 'c', reservedCount: 0 },
      ]);
      expect(idsOf(await ctx.store().peekMessages(projectId, 'q', 2, T0))).toEqual([a, b]);
      await ctx.store().reserveMessages(projectId, 'q', RESERVE_ONE, T0);
      expect(idsOf(await ctx.store().peekMessages(projectId, 'q', 3, T0))).toEqual([b, c]);
      const next = await ctx.store().reserveMessages(projectId, 'q', RESERVE_ONE, T0);
      expect(next.messages[0]).toMatchObject({ id: b, reservedCount: 1 });
      expect(await ctx.store().getQueue(projectId, 'q')).toMatchObject({ size: 4, totalMessages: 4 });
    });

    it('getMessage describes a message in each state and never changes it', async () => {
      const projectId = newProjectId();
      const headers = { 'X-Trace': 'abc' };
      const [ready, delayed] = (await ctx.store().postMessages(
        projectId,
        'q',
        [{ body: 'r', delayMs: 0, pushHeaders: headers }, newMessage('d', 5_000)],
        T0,
      )).ids;
      const common = { createdAtMs: T0, expiresAtMs: T0 + DEFAULT_MESSAGE_EXPIRATION_MS, timeoutMs: null, isDelivered: false };
      expect(await ctx.store().getMessage(projectId, 'q', ready, T0)).toEqual({
        ...common, id: ready, body: 'r', reservedCount: 0, state: 'ready', dueAtMs: null, pushHeaders: headers,
      });
      expect(await ctx.store().getMessage(projectId, 'q', delayed, T0)).toEqual({
        ...common, id: delayed, body: 'd', reservedCount: 0, state: 'delayed', dueAtMs: T0 + 5_000, pushHeaders: null,
      });
      await ctx.store().reserveMessages(projectId, 'q', { n: 1, timeoutMs: 2_000, isDelete: false }, T0);
      expect(await ctx.store().getMessage(projectId, 'q', ready, T0 + 1)).toMatchObject({ state: 'reserved', dueAtMs: T0 + 2_000, reservedCount: 1 });
      expect(await ctx.store().getMessage(projectId, 'q', ready, T0 + 2_000)).toMatchObject({ state: 'ready', dueAtMs: null, reservedCount: 1 });
      expect(await ctx.store().getMessage(projectId, 'q', delayed, T0 + 5_000)).toMatchObject({ state: 'ready', dueAtMs: null });
    });

    it('getMessage refuses unknown ids, ids of other queues and missing queues', async () => {
      const projectId = newProjectId();
      const [other] = await postBodies(ctx.store(), projectId, 'other', ['o']);
      const [mine] = await postBodies(ctx.store(), projectId, 'q', ['m']);
      for (const id of [other, '', '0', '-1', 'abc', '1e3', `${mine}0`, '99999999999999999999']) {
        await expectEngineError(() => ctx.store().getMessage(projectId, 'q', id, T0), 'MESSAGE_NOT_FOUND');
      }
      await expectEngineError(() => ctx.store().getMessage(projectId, 'missing', mine, T0), 'QUEUE_NOT_FOUND');
    });
  });

  describe('dead letter', () => {
    it('moves a message reserved maxReservations times to the target, which it creates', async () => {
      const projectId = newProjectId();
      const policy = { queueName: 'dlq', maxReservations: 2 };
      await saveSettings(ctx.store(), projectId, 'q', pullSettings({ deadLetter: policy }));
      const [worn, fresh] = await postBodies(ctx.store(), projectId, 'q', ['worn', 'fresh']);
      const reserveAt = (nowMs: number, n = 1) =>
        ctx.store().reserveMessages(projectId, 'q', { n, timeoutMs: 1_000, isDelete: false }, nowMs);
      expect(idsOf((await reserveAt(T0)).messages)).toEqual([worn]);
      expect(idsOf((await reserveAt(T0 + 1_000)).messages)).toEqual([worn]);
      expect(await ctx.store().getQueue(projectId, 'dlq')).toBeUndefined();

      // The third reserve meets `worn` with reserved_count 2: it moves, and reserve goes on.
      const third = await reserveAt(T0 + 2_000, 2);
      expect(third.deadLettered).toBe(1);
      expect(third.messages).toMatchObject([{ id: fresh, reservedCount: 1 }]);
      expect(await ctx.store().getQueue(projectId, 'q')).toMatchObject({ size: 1, totalMessages: 2 });
      expect(await ctx.store().getQueue(projectId, 'dlq')).toMatchObject({ ...pullSettings(), size: 1, totalMessages: 1 });
      expect(await ctx.store().peekMessages(projectId, 'dlq', 10, T0 + 2_000)).toMatchObject([{ id: worn, body: 'worn', reservedCount: 2 }]);
      await expectEngineError(() => ctx.store().getMessage(projectId, 'q', worn, T0 + 2_000), 'MESSAGE_NOT_FOUND');
    });

    it('with maxReservations 1 the second reserve moves it; expiry follows the target queue (§4.6, §11.14)', async () => {
      const projectId = newProjectId();
      await saveSettings(ctx.store(), projectId, 'dlq', pullSettings({ messageExpirationMs: 30_000 }));
      await saveSettings(ctx.store(), projectId, 'q', pullSettings({ deadLetter: { queueName: 'dlq', maxReservations: 1 } }));
      const [id] = await postBodies(ctx.store(), projectId, 'q', ['once']);
      await ctx.store().reserveMessages(projectId, 'q', { n: 1, timeoutMs: 1_000, isDelete: false }, T0);
      const second = await ctx.store().reserveMessages(projectId, 'q', RESERVE_ONE, T0 + 5_000);
      // The result carries both queues as the move left them, so nobody has to read them again.
      expect(second).toMatchObject({ messages: [], deadLettered: 1, queue: { name: 'q', size: 0 }, deadLetterQueue: { name: 'dlq', size: 1 } });
      expect(await ctx.store().getMessage(projectId, 'dlq', id, T0 + 5_000)).toMatchObject({
        id, body: 'once', reservedCount: 1, state: 'ready', expiresAtMs: T0 + 35_000,
      });
      const fromDlq = await ctx.store().reserveMessages(projectId, 'dlq', RESERVE_ONE, T0 + 6_000);
      expect(fromDlq.messages[0]).toMatchObject({ id, reservedCount: 2 });
    });
  });
}
