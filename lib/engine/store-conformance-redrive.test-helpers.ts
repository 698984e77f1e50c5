// Conformance suite, redrive jobs (lib/engine/redrive.ts): a job moves each message of its source
// exactly once — posted to the target as a new message and deleted from the source in the same
// atomic batch — resumes after a restart without a duplicate, takes only what it was started
// with, unwraps error reports, stops on cancel, and ends when its queues disappear.
import { describe, expect, it } from 'vitest';
import { MAX_REDRIVE_HISTORY } from './limits';
import { errorReportBody } from './push-reports';
import type { NewRedrive } from './redrive';
import type { QueueStore } from './store';
import { claimAttempts, pushSettings, subscriber } from './store-conformance-push-fixtures.test-helpers';
import { T0, expectEngineError, newMessage, newProjectId, postBodies, pullSettings, saveSettings, type ConformanceContext } from './store-conformance.test-helpers';

const LEASE_MS = 5_000;
let jobCount = 0;

/** A redrive of `dlq` into `work` of every message, at any rate; `changes` adjust it. */
function job(projectId: string, changes: Partial<NewRedrive> = {}): NewRedrive {
  jobCount += 1;
  const id = `${String(jobCount).padStart(8, '0')}${'0'.repeat(16)}`;
  return { id, projectId, sourceQueue: 'dlq', targetQueue: 'work', messageIds: null, bodies: {}, ratePerSecond: 100, isErrorReport: false, ...changes };
}

/** Creates `work` and a `dlq` holding `bodies`; returns the dead-letter ids. */
async function deadLetters(store: QueueStore, projectId: string, bodies: string[]): Promise<string[]> {
  await saveSettings(store, projectId, 'work', pullSettings());
  return postBodies(store, projectId, 'dlq', bodies);
}

/** Every body in the queue, in queue order, without consuming anything. */
async function bodiesOf(store: QueueStore, projectId: string, name: string, nowMs = T0): Promise<string[]> {
  return (await store.browseMessages(projectId, name, null, 1000, nowMs)).messages.map((message) => message.body);
}

export function describeRedriveConformance(ctx: ConformanceContext): void {
  describe('redrive jobs', () => {
    it('moves every message to the target as new messages, a batch at a time, and ends done', async () => {
      const store = ctx.store();
      const projectId = newProjectId();
      const ids = await deadLetters(store, projectId, ['a', 'b', 'c', 'd', 'e']);
      const started = await store.createRedrive(job(projectId), T0);
      expect(started).toMatchObject({ projectId, sourceQueue: 'dlq', targetQueue: 'work', state: 'running', total: 5, moved: 0, skipped: 0, isSelection: false });

      const first = await store.moveRedriveBatch(started.id, 2, LEASE_MS, T0 + 1);
      expect(first).toMatchObject({ moved: 2, job: { state: 'running', moved: 2 }, source: { size: 3 }, target: { size: 2, totalMessages: 2 } });
      expect((await store.moveRedriveBatch(started.id, 2, LEASE_MS, T0 + 2)).job).toMatchObject({ state: 'running', moved: 4 });
      const last = await store.moveRedriveBatch(started.id, 2, LEASE_MS, T0 + 3);
      expect(last).toMatchObject({ moved: 1, job: { state: 'done', moved: 5, skipped: 0, finishedAtMs: T0 + 3 } });

      expect(await bodiesOf(store, projectId, 'work')).toEqual(['a', 'b', 'c', 'd', 'e']);
      expect(await store.getQueue(projectId, 'dlq')).toMatchObject({ size: 0 });
      const moved = (await store.browseMessages(projectId, 'work', null, 10, T0 + 3)).messages;
      // New messages: new ids after every old one, never reserved, expiring by the target's rule.
      expect(moved.every((message) => Number(message.id) > Number(ids.at(-1)) && message.reservedCount === 0)).toBe(true);
      expect((await store.moveRedriveBatch(started.id, 2, LEASE_MS, T0 + 4)).moved).toBe(0);
    });

    it('resumes after a restart where its last batch ended, without moving a message twice', async () => {
      const projectId = newProjectId();
      await deadLetters(ctx.store(), projectId, ['1', '2', '3', '4', '5']);
      const started = await ctx.store().createRedrive(job(projectId), T0);
      await ctx.store().moveRedriveBatch(started.id, 2, LEASE_MS, T0);

      const store = await ctx.reopen();
      // The lease of the worker that stopped runs out before anyone else takes the job.
      expect(await store.claimRedrive(LEASE_MS, T0 + LEASE_MS - 1)).toBeUndefined();
      const resumed = await store.claimRedrive(LEASE_MS, T0 + LEASE_MS);
      expect(resumed).toMatchObject({ id: started.id, state: 'running', moved: 2 });
      expect((await store.moveRedriveBatch(started.id, 10, LEASE_MS, T0 + LEASE_MS)).job).toMatchObject({ state: 'done', moved: 5 });
      expect(await bodiesOf(store, projectId, 'work')).toEqual(['1', '2', '3', '4', '5']);
      expect(await store.getRedrive(projectId, started.id)).toMatchObject({ state: 'done', moved: 5 });
    });

    it('leaves messages that arrive after the start, and takes delayed and reserved ones', async () => {
      const store = ctx.store();
      const projectId = newProjectId();
      await deadLetters(store, projectId, ['ready']);
      await store.postMessages(projectId, 'dlq', [newMessage('delayed', 60_000)], T0);
      await store.postMessages(projectId, 'dlq', [newMessage('held')], T0);
      await store.reserveMessages(projectId, 'dlq', { n: 2, isDelete: false }, T0);
      const started = await store.createRedrive(job(projectId), T0);
      await store.postMessages(projectId, 'dlq', [newMessage('late')], T0 + 1);

      expect((await store.moveRedriveBatch(started.id, 100, LEASE_MS, T0 + 1)).job).toMatchObject({ state: 'done', moved: 3, total: 3 });
      expect(await bodiesOf(store, projectId, 'work', T0 + 1)).toEqual(['ready', 'delayed', 'held']);
      expect(await bodiesOf(store, projectId, 'dlq', T0 + 1)).toEqual(['late']);
    });

    it('moves only a selection, with edited bodies, and skips selected messages that are gone', async () => {
      const store = ctx.store();
      const projectId = newProjectId();
      const [a, b, c, d] = await deadLetters(store, projectId, ['a', 'b', 'c', 'd']);
      await store.deleteMessages(projectId, 'dlq', [{ id: d }], T0);
      const started = await store.createRedrive(job(projectId, { messageIds: [a, c, d], bodies: { [c]: 'c, fixed' } }), T0);
      expect(started).toMatchObject({ total: 3, isSelection: true });

      expect((await store.moveRedriveBatch(started.id, 2, LEASE_MS, T0)).job).toMatchObject({ state: 'running', moved: 2 });
      expect((await store.moveRedriveBatch(started.id, 2, LEASE_MS, T0)).job).toMatchObject({ state: 'done', moved: 2, skipped: 1 });
      expect(await bodiesOf(store, projectId, 'work')).toEqual(['a', 'c, fixed']);
      expect((await store.browseMessages(projectId, 'dlq', null, 10, T0)).messages.map((m) => m.id)).toEqual([b]);
    });

    it('from an error queue sends back the failed message inside each report, and leaves what is not a report', async () => {
      const store = ctx.store();
      const projectId = newProjectId();
      const report = (body: string, id: string) =>
        errorReportBody({ messageId: id, body, headers: {}, subscriberName: 's', url: 'http://s.example.com/', statusCode: 500, errorMessage: null });
      await deadLetters(store, projectId, [report('order 1', '11'), 'not a report', report('{"order": 2}', '12')]);
      const started = await store.createRedrive(job(projectId, { isErrorReport: true }), T0);

      expect((await store.moveRedriveBatch(started.id, 10, LEASE_MS, T0)).job).toMatchObject({ state: 'done', moved: 2, skipped: 1 });
      expect(await bodiesOf(store, projectId, 'work')).toEqual(['order 1', '{"order": 2}']);
      expect(await bodiesOf(store, projectId, 'dlq')).toEqual(['not a report']);
    });

    it('a cancelled job moves nothing more, and keeps what it moved', async () => {
      const store = ctx.store();
      const projectId = newProjectId();
      await deadLetters(store, projectId, ['a', 'b', 'c']);
      const started = await store.createRedrive(job(projectId), T0);
      await store.moveRedriveBatch(started.id, 1, LEASE_MS, T0);
      expect(await store.cancelRedrive(projectId, started.id, T0 + 1)).toMatchObject({ state: 'cancelled', moved: 1, finishedAtMs: T0 + 1 });
      expect(await store.moveRedriveBatch(started.id, 10, LEASE_MS, T0 + 2)).toMatchObject({ moved: 0, job: { state: 'cancelled' } });
      expect(await store.claimRedrive(LEASE_MS, T0 + 10 * LEASE_MS)).toBeUndefined();
      // Cancelling a finished job changes nothing.
      expect(await store.cancelRedrive(projectId, started.id, T0 + 3)).toMatchObject({ state: 'cancelled', finishedAtMs: T0 + 1 });
      expect(await bodiesOf(store, projectId, 'work')).toEqual(['a']);
      expect(await bodiesOf(store, projectId, 'dlq')).toEqual(['b', 'c']);
    });

    it('ends as failed when its source is cleared or its target deleted', async () => {
      const store = ctx.store();
      const projectId = newProjectId();
      await deadLetters(store, projectId, ['a', 'b']);
      const cleared = await store.createRedrive(job(projectId), T0);
      await store.clearMessages(projectId, 'dlq');
      expect((await store.moveRedriveBatch(cleared.id, 10, LEASE_MS, T0)).job).toMatchObject({ state: 'failed', moved: 0, error: expect.stringMatching(/source queue/) });

      await postBodies(store, projectId, 'dlq', ['c']);
      const orphaned = await store.createRedrive(job(projectId), T0);
      await store.deleteQueue(projectId, 'work');
      expect((await store.moveRedriveBatch(orphaned.id, 10, LEASE_MS, T0)).job).toMatchObject({ state: 'failed', error: expect.stringMatching(/target queue/) });
      expect(await bodiesOf(store, projectId, 'dlq')).toEqual(['c']);
    });

    it('refuses a missing source or target, and keeps jobs to their project', async () => {
      const store = ctx.store();
      const projectId = newProjectId();
      await expectEngineError(() => store.createRedrive(job(projectId), T0), 'QUEUE_NOT_FOUND');
      await postBodies(store, projectId, 'dlq', ['a']);
      await expectEngineError(() => store.createRedrive(job(projectId), T0), 'QUEUE_NOT_FOUND');
      await saveSettings(store, projectId, 'work', pullSettings());
      const started = await store.createRedrive(job(projectId), T0);
      const stranger = newProjectId();
      expect(await store.getRedrive(stranger, started.id)).toBeUndefined();
      expect(await store.cancelRedrive(stranger, started.id, T0)).toBeUndefined();
      expect(await store.getRedrive(projectId, started.id)).toMatchObject({ state: 'running' });
      await expectEngineError(() => store.moveRedriveBatch('ffffffffffffffffffffffff', 1, LEASE_MS, T0), 'INVALID_ARGUMENT');
    });

    it('leases a running job to one worker at a time', async () => {
      const store = await ctx.openEmpty();
      const projectId = newProjectId();
      await deadLetters(store, projectId, ['a']);
      const started = await store.createRedrive(job(projectId), T0);
      expect(await store.claimRedrive(LEASE_MS, T0)).toMatchObject({ id: started.id });
      expect(await store.claimRedrive(LEASE_MS, T0 + LEASE_MS - 1)).toBeUndefined();
      expect(await store.claimRedrive(LEASE_MS, T0 + LEASE_MS)).toMatchObject({ id: started.id });
      await store.moveRedriveBatch(started.id, 10, LEASE_MS, T0 + LEASE_MS);
      expect(await store.claimRedrive(LEASE_MS, T0 + 100 * LEASE_MS)).toBeUndefined();
    });

    it('lists a source queue’s jobs newest first and forgets the oldest finished ones', async () => {
      const store = ctx.store();
      const projectId = newProjectId();
      await deadLetters(store, projectId, ['a']);
      const ids: string[] = [];
      for (let i = 0; i < MAX_REDRIVE_HISTORY + 2; i++) {
        const created = await store.createRedrive(job(projectId), T0 + i);
        await store.cancelRedrive(projectId, created.id, T0 + i);
        ids.push(created.id);
      }
      const listed = await store.listRedrives(projectId, 'dlq', 100);
      expect(listed.map((j) => j.id)).toEqual(ids.slice(-MAX_REDRIVE_HISTORY).reverse());
      expect(await store.listRedrives(projectId, 'work', 100)).toEqual([]);
    });

    it('a push target pushes what a redrive brings', async () => {
      const store = await ctx.openEmpty();
      const projectId = newProjectId();
      await saveSettings(store, projectId, 'work', pushSettings('multicast', [subscriber('alpha')]));
      await postBodies(store, projectId, 'dlq', ['again']);
      const started = await store.createRedrive(job(projectId), T0);
      await store.moveRedriveBatch(started.id, 10, LEASE_MS, T0);
      const [attempt] = await claimAttempts(store, T0);
      expect(attempt).toMatchObject({ projectId, queueName: 'work', body: 'again' });
    });
  });
}
