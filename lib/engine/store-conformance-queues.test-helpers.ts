// Conformance suite, queues: saveQueue and its decide callback, getQueue, listQueueNames
// (order, prefix, cursor, awkward names) and deleteQueue.
import { describe, expect, it } from 'vitest';
import { EngineError } from './errors';
import type { Queue, QueueSettings } from './types';
import {
  T0,
  newProjectId,
  postBodies,
  pullSettings,
  saveSettings,
  type ConformanceContext,
} from './store-conformance.test-helpers';

const ID_24_HEX = /^[0-9a-f]{24}$/;

export function describeQueueConformance(ctx: ConformanceContext): void {
  describe('queues', () => {
    it('saveQueue creates a missing queue, passing undefined to decide', async () => {
      const projectId = newProjectId();
      const seen: Array<Queue | undefined> = [];
      const settings = pullSettings({ messageTimeoutMs: 30_000, messageExpirationMs: 3_600_000 });
      const { queue, isCreated } = await ctx.store().saveQueue(
        projectId,
        'orders',
        (current) => {
          seen.push(current);
          return settings;
        },
        T0,
      );
      expect(seen).toEqual([undefined]);
      expect(isCreated).toBe(true);
      expect(queue).toEqual({
        ...settings,
        projectId,
        name: 'orders',
        id: expect.stringMatching(ID_24_HEX),
        size: 0,
        totalMessages: 0,
        createdAtMs: T0,
      });
      expect(await ctx.store().getQueue(projectId, 'orders')).toEqual(queue);
    });

    it('getQueue answers undefined for a missing queue and keeps projects apart', async () => {
      const projectId = newProjectId();
      await saveSettings(ctx.store(), projectId, 'shared', pullSettings());
      expect(await ctx.store().getQueue(projectId, 'missing')).toBeUndefined();
      expect(await ctx.store().getQueue(newProjectId(), 'shared')).toBeUndefined();
    });

    it('saveQueue on an existing queue shows decide the current queue and keeps id, counters and creation time', async () => {
      const projectId = newProjectId();
      const created = await saveSettings(ctx.store(), projectId, 'orders', pullSettings());
      await postBodies(ctx.store(), projectId, 'orders', ['a', 'b'], T0 + 10);
      let seen: Queue | undefined;
      const changed = pullSettings({ messageTimeoutMs: 5_000, deadLetter: { queueName: 'dlq', maxReservations: 3 } });
      const { queue, isCreated } = await ctx.store().saveQueue(
        projectId,
        'orders',
        (current) => {
          seen = current;
          return changed;
        },
        T0 + 1_000,
      );
      expect(seen).toMatchObject({ id: created.id, name: 'orders', size: 2, totalMessages: 2, messageTimeoutMs: 60_000 });
      expect(isCreated).toBe(false);
      expect(queue).toEqual({ ...changed, projectId, name: 'orders', id: created.id, size: 2, totalMessages: 2, createdAtMs: T0 });
      expect(await ctx.store().getQueue(projectId, 'orders')).toEqual(queue);
    });

    it('round-trips push, alert and dead-letter settings unchanged', async () => {
      const projectId = newProjectId();
      const push: QueueSettings = {
        ...pullSettings(),
        type: 'unicast',
        push: {
          subscribers: [{ name: 'first', url: 'http://example.com/push', headers: { 'X-Token': 'é 日本' } }],
          retries: 7,
          retriesDelayMs: 12_000,
          errorQueue: 'errors',
        },
      };
      const pull = pullSettings({
        alerts: [{ id: 'a'.repeat(24), type: 'progressive', trigger: 10, direction: 'desc', queue: 'alerts', snoozeMs: 5_000 }],
        deadLetter: { queueName: 'dead', maxReservations: 1_000 },
      });
      await saveSettings(ctx.store(), projectId, 'push', push);
      await saveSettings(ctx.store(), projectId, 'pull', pull);
      expect(await ctx.store().getQueue(projectId, 'push')).toMatchObject(push);
      expect(await ctx.store().getQueue(projectId, 'pull')).toMatchObject(pull);
    });

    it('a decide that throws changes nothing and rejects with its error', async () => {
      const projectId = newProjectId();
      const refusal = new EngineError('INVALID_ARGUMENT', 'no');
      await expect(ctx.store().saveQueue(projectId, 'new', () => { throw refusal; }, T0)).rejects.toBe(refusal);
      expect(await ctx.store().getQueue(projectId, 'new')).toBeUndefined();
      expect(await ctx.store().listQueueNames(projectId, { prefix: '', after: '', limit: 100 })).toEqual([]);

      const before = await saveSettings(ctx.store(), projectId, 'old', pullSettings());
      await postBodies(ctx.store(), projectId, 'old', ['kept']);
      const failing = ctx.store().saveQueue(projectId, 'old', () => { throw refusal; }, T0 + 5);
      await expect(failing).rejects.toBe(refusal);
      expect(await ctx.store().getQueue(projectId, 'old')).toEqual({ ...before, size: 1, totalMessages: 1 });
    });

    it('lists names in ascending code-point order, including spaces, +, %, / and unicode', async () => {
      const projectId = newProjectId();
      // Code-point order puts U+FF5E before U+1F600, where UTF-16 code-unit order would not.
      const expected = ['B', 'a', 'a b', 'a%2Fb', 'a+b', 'a/b', 'b', 'é', '日本', '～', '😀'];
      const shuffled = ['😀', 'a/b', 'b', '～', 'a+b', 'B', 'é', 'a b', '日本', 'a%2Fb', 'a'];
      for (const name of shuffled) await saveSettings(ctx.store(), projectId, name, pullSettings());
      await saveSettings(ctx.store(), newProjectId(), 'a', pullSettings());
      const names = await ctx.store().listQueueNames(projectId, { prefix: '', after: '', limit: 100 });
      expect(names).toEqual(expected);
      for (const name of expected) expect(await ctx.store().getQueue(projectId, name)).toMatchObject({ name });
    });

    it('pages with an exclusive cursor, present or not, and a limit (§2.6)', async () => {
      const projectId = newProjectId();
      const names = ['a', 'aa', 'aaa', 'aaaa', 'aaaaa', 'aaaaaa', 'aaaaaaa', 'aaaaaaaa'];
      await Promise.all(names.map((name) => saveSettings(ctx.store(), projectId, name, pullSettings())));
      const list = (after: string, limit: number) => ctx.store().listQueueNames(projectId, { prefix: '', after, limit });
      expect(await list('aa', 4)).toEqual(['aaa', 'aaaa', 'aaaaa', 'aaaaaa']);
      expect(await list('aaa0', 2)).toEqual(['aaaa', 'aaaaa']);
      expect(await list('aaaaaaaa', 10)).toEqual([]);
      expect(await list('', 1)).toEqual(['a']);
      // v1 pages by offset (page × per_page), counted after the cursor.
      const listAt = (after: string, offset: number) =>
        ctx.store().listQueueNames(projectId, { prefix: '', after, limit: 2, offset });
      expect(await listAt('', 2)).toEqual(['aaa', 'aaaa']);
      expect(await listAt('aa', 1)).toEqual(['aaaa', 'aaaaa']);
      expect(await listAt('', 8)).toEqual([]);
    });

    it('filters by a literal prefix, combined with the cursor', async () => {
      const projectId = newProjectId();
      const names = ['abba', 'abbca', 'abbcb', 'abbcd', 'abbdd', 'a%b', 'axb', 'a_c', '日本', '日本語', '日曜'];
      await Promise.all(names.map((name) => saveSettings(ctx.store(), projectId, name, pullSettings())));
      const list = (prefix: string, after = '') => ctx.store().listQueueNames(projectId, { prefix, after, limit: 100 });
      expect(await list('abbc')).toEqual(['abbca', 'abbcb', 'abbcd']);
      expect(await list('abbc', 'abbca')).toEqual(['abbcb', 'abbcd']);
      expect(await list('a%')).toEqual(['a%b']);
      expect(await list('a_')).toEqual(['a_c']);
      expect(await list('日本')).toEqual(['日本', '日本語']);
      expect(await list('zzz')).toEqual([]);
    });

    it('deleteQueue removes the queue and its messages; a recreated queue is empty with a new id', async () => {
      const projectId = newProjectId();
      const store = ctx.store();
      expect(await store.deleteQueue(projectId, 'orders')).toBe(false);
      const [oldId] = await postBodies(store, projectId, 'orders', ['a', 'b', 'c']);
      const before = await store.getQueue(projectId, 'orders');
      await store.reserveMessages(projectId, 'orders', { n: 1, isDelete: false }, T0);

      expect(await store.deleteQueue(projectId, 'orders')).toBe(true);
      expect(await store.getQueue(projectId, 'orders')).toBeUndefined();
      expect(await store.listQueueNames(projectId, { prefix: '', after: '', limit: 10 })).toEqual([]);
      expect(await store.deleteQueue(projectId, 'orders')).toBe(false);

      const [newId] = await postBodies(store, projectId, 'orders', ['fresh'], T0 + 1);
      const after = await store.getQueue(projectId, 'orders');
      expect(after).toMatchObject({ size: 1, totalMessages: 1, createdAtMs: T0 + 1 });
      expect(after!.id).not.toBe(before!.id);
      expect(BigInt(newId)).toBeGreaterThan(BigInt(oldId));
      const peeked = await store.peekMessages(projectId, 'orders', 100, T0 + 3_600_000);
      expect(peeked.map((m) => m.body)).toEqual(['fresh']);
      await expect(store.getMessage(projectId, 'orders', oldId, T0 + 1)).rejects.toMatchObject({ code: 'MESSAGE_NOT_FOUND' });
    });
  });
}
