// The QueueStore conformance part for decisions made inside one atomic operation: what each
// change hands back (the queue as it left it, so the engine's change signal need not read it
// again), a single delete that may be a push acknowledgement, and deleting a project's queues.
import { describe, expect, it } from 'vitest';
import { pushSettings, subscriber } from './store-conformance-push-fixtures.test-helpers';
import {
  T0,
  expectEngineError,
  newMessage,
  newProjectId,
  postBodies,
  pullSettings,
  saveSettings,
  type ConformanceContext,
} from './store-conformance.test-helpers';

const LEASE_MS = 15_000;

export function describeVerbConformance(ctx: ConformanceContext): void {
  describe('what changes hand back', () => {
    it('post, delete, release and clear return the queue as each change left it', async () => {
      const projectId = newProjectId();
      const posted = await ctx.store().postMessages(projectId, 'q', [newMessage('a'), newMessage('b'), newMessage('c', 5_000)], T0);
      expect(posted.queue).toMatchObject({ projectId, name: 'q', type: 'pull', size: 3, totalMessages: 3 });

      const [held] = (await ctx.store().reserveMessages(projectId, 'q', { n: 1, isDelete: false }, T0)).messages;
      expect(await ctx.store().releaseMessage(projectId, 'q', { id: held.id, reservationId: held.reservationId }, 0, T0)).toMatchObject({ size: 3 });
      expect(await ctx.store().deleteMessages(projectId, 'q', [{ id: posted.ids[1] }], T0)).toMatchObject({ size: 2, totalMessages: 3 });

      const cleared = await ctx.store().clearMessages(projectId, 'q');
      expect(cleared.removed).toBe(2);
      expect(cleared.queue).toMatchObject({ name: 'q', size: 0, totalMessages: 3, id: posted.queue.id });
    });

    it('a reserve returns the queue, and a reserve with delete its smaller size', async () => {
      const projectId = newProjectId();
      await postBodies(ctx.store(), projectId, 'q', ['a', 'b', 'c']);
      const reserved = await ctx.store().reserveMessages(projectId, 'q', { n: 1, isDelete: false }, T0);
      expect(reserved).toMatchObject({ deadLettered: 0, queue: { size: 3 } });
      expect(reserved.deadLetterQueue).toBeUndefined();
      const popped = await ctx.store().reserveMessages(projectId, 'q', { n: 2, isDelete: true }, T0);
      expect(popped.queue.size).toBe(1);
    });
  });

  describe('deleteMessage: a delete, or a push acknowledgement, decided atomically', () => {
    it('on a pull queue it deletes, and a subscriber name changes nothing about that', async () => {
      const projectId = newProjectId();
      const [a, b] = await postBodies(ctx.store(), projectId, 'q', ['a', 'b']);
      const first = await ctx.store().deleteMessage(projectId, 'q', { id: a }, T0);
      expect(first).toMatchObject({ isAcknowledgement: false, queue: { size: 1 } });
      const second = await ctx.store().deleteMessage(projectId, 'q', { id: b, subscriberName: 'nobody' }, T0);
      expect(second).toMatchObject({ isAcknowledgement: false, queue: { size: 0 } });
      await expectEngineError(() => ctx.store().deleteMessage(projectId, 'q', { id: a }, T0), 'MESSAGE_NOT_FOUND');
    });

    it('on a pull queue a reserved message still needs its reservation', async () => {
      const projectId = newProjectId();
      const [id] = await postBodies(ctx.store(), projectId, 'q', ['held']);
      const [held] = (await ctx.store().reserveMessages(projectId, 'q', { n: 1, isDelete: false }, T0)).messages;
      await expectEngineError(() => ctx.store().deleteMessage(projectId, 'q', { id }, T0), 'RESERVATION_MISMATCH');
      expect(await ctx.store().deleteMessage(projectId, 'q', { id, reservationId: held.reservationId }, T0)).toMatchObject({ isAcknowledgement: false });
    });

    it('on a push queue a reservation acknowledges that subscriber only; without one it deletes for all', async () => {
      const store = await ctx.openEmpty();
      const projectId = newProjectId();
      await saveSettings(store, projectId, 'push', pushSettings('multicast', [subscriber('one'), subscriber('two')]));
      const [id, other] = await postBodies(store, projectId, 'push', ['m', 'n']);
      const { attempts } = await store.claimDeliveries({ limit: 10, leaseMs: LEASE_MS, perUrlLimit: 10, roomByUrl: {} }, T0);
      const one = attempts.find((attempt) => attempt.messageId === id && attempt.subscriber.name === 'one')!;
      await store.recordDeliveryOutcome({ messageId: id, subscriberName: 'one', reservationId: one.reservationId, statusCode: 202, result: 'accepted', errorMessage: null }, T0 + 10);

      const acked = await store.deleteMessage(projectId, 'push', { id, reservationId: one.reservationId, subscriberName: 'one' }, T0 + 20);
      expect(acked).toMatchObject({ isAcknowledgement: true });
      const statuses = await store.getPushStatuses(projectId, 'push', id, T0 + 20);
      expect(statuses.find((status) => status.subscriberName === 'one')?.status).toBe('deleted');
      expect(statuses.find((status) => status.subscriberName === 'two')?.status).not.toBe('deleted');
      expect((await store.getQueue(projectId, 'push'))?.size).toBe(2);

      const deleted = await store.deleteMessage(projectId, 'push', { id: other }, T0 + 30);
      expect(deleted).toMatchObject({ isAcknowledgement: false, queue: { size: 1 } });
      await expectEngineError(() => store.getMessage(projectId, 'push', other, T0 + 30), 'MESSAGE_NOT_FOUND');
    });
  });

  describe('deleteQueues', () => {
    it('deletes every queue of the project with its messages, and no other project’s', async () => {
      const projectId = newProjectId();
      const otherProject = newProjectId();
      for (const name of ['a', 'b', 'c']) await postBodies(ctx.store(), projectId, name, ['x', 'y']);
      await saveSettings(ctx.store(), projectId, 'empty', pullSettings());
      await postBodies(ctx.store(), otherProject, 'a', ['keep']);

      expect(await ctx.store().deleteQueues(projectId)).toBe(4);
      expect(await ctx.store().listQueueNames(projectId, { prefix: '', after: '', limit: 100 })).toEqual([]);
      expect(await ctx.store().getQueue(otherProject, 'a')).toMatchObject({ size: 1 });
      expect(await ctx.store().deleteQueues(projectId)).toBe(0);

      // A queue of the same name later starts empty: the old messages are gone for good.
      await postBodies(ctx.store(), projectId, 'a', ['new']);
      expect((await ctx.store().peekMessages(projectId, 'a', 10, T0)).map((message) => message.body)).toEqual(['new']);
    });
  });

  describe('monitoring', () => {
    it('queueStats: the largest queues with counts by state and front age, and sums over all', async () => {
      const store = await ctx.openEmpty();
      const projectId = newProjectId();
      const other = newProjectId();
      await postBodies(store, projectId, 'big', ['a', 'b', 'c', 'd'], T0);
      await store.postMessages(projectId, 'big', [newMessage('later', 60_000)], T0 + 10);
      await store.reserveMessages(projectId, 'big', { n: 1, isDelete: false }, T0 + 20);
      await postBodies(store, other, 'medium', ['x', 'y'], T0 + 30);
      await postBodies(store, projectId, 'small', ['z'], T0 + 40);
      await saveSettings(store, projectId, 'empty', pullSettings(), T0);

      const stats = await store.queueStats(2, T0 + 100);
      expect(stats.largest).toEqual([
        { projectId, name: 'big', size: 5, totalMessages: 5, reserved: 1, delayed: 1, oldestReadyAtMs: T0 },
        { projectId: other, name: 'medium', size: 2, totalMessages: 2, reserved: 0, delayed: 0, oldestReadyAtMs: T0 + 30 },
      ]);
      expect(stats.all).toEqual({ queues: 4, size: 8, totalMessages: 8 });
      expect((await store.queueStats(10, T0 + 100)).largest.map((queue) => [queue.name, queue.oldestReadyAtMs])).toEqual([
        ['big', T0], ['medium', T0 + 30], ['small', T0 + 40], ['empty', null],
      ]);
    });

    it('ping makes a durable write and changes nothing anyone can read', async () => {
      const projectId = newProjectId();
      await postBodies(ctx.store(), projectId, 'q', ['a']);
      const before = await ctx.store().getQueue(projectId, 'q');
      await ctx.store().ping();
      expect(await ctx.store().getQueue(projectId, 'q')).toEqual(before);
    });
  });
}
