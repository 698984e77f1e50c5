// Conformance suite, what the HUD reads beyond IronMQ's verbs: the push delivery log (newest
// message first, filtered, paged by cursor, a link to each error report, kept as long as the
// message), the newest messages of a queue without consuming them, and the queues that name a
// queue as their dead-letter or error queue.
import { describe, expect, it } from 'vitest';
import {
  RETRIES_DELAY_MS,
  answer,
  attemptsByName,
  claimAttempts,
  openPushQueue,
  pushSettings,
  subscriber,
} from './store-conformance-push-fixtures.test-helpers';
import { T0, expectEngineError, idsOf, newMessage, newProjectId, postBodies, pullSettings, saveSettings, type ConformanceContext } from './store-conformance.test-helpers';

const alpha = subscriber('alpha');
const beta = subscriber('beta');
const ERRORS = 'errors';

/** The log's rows as `message id/subscriber: status`, for order comparisons. */
function rowsOf(page: { deliveries: Array<{ messageId: string; subscriberName: string; status: string }> }): string[] {
  return page.deliveries.map((d) => `${d.messageId}/${d.subscriberName}: ${d.status}`);
}

export function describeInspectionConformance(ctx: ConformanceContext): void {
  describe('the push delivery log', () => {
    it('lists every delivery newest message first, by status and subscriber, a page at a time', async () => {
      const settings = pushSettings('multicast', [alpha, beta], { retries: 1, errorQueue: ERRORS });
      const { store, projectId, ids } = await openPushQueue(ctx, settings, ['one', 'two', 'three']);
      const [one, two, three] = ids;
      const attempts = await claimAttempts(store, T0);
      const of = (id: string, name: string) => attempts.find((a) => a.messageId === id && a.subscriber.name === name)!;
      await answer(store, of(one, 'alpha'), 200, T0 + 1);
      await answer(store, of(one, 'beta'), 200, T0 + 1);
      await answer(store, of(two, 'alpha'), 202, T0 + 2);
      await answer(store, of(two, 'beta'), 500, T0 + 2, 'Subscriber answered 500');

      const all = await store.listDeliveries(projectId, 'q', { limit: 10 }, T0 + 3);
      expect(rowsOf(all)).toEqual([
        `${three}/beta: queued`, `${three}/alpha: queued`,
        `${two}/beta: error`, `${two}/alpha: reserved`,
        `${one}/beta: deleted`, `${one}/alpha: deleted`,
      ]);
      expect(all.next).toBeNull();
      // The first message left the queue (every delivery ended) and is still listed.
      expect(await store.getQueue(projectId, 'q')).toMatchObject({ size: 2 });

      const first = await store.listDeliveries(projectId, 'q', { limit: 4 }, T0 + 3);
      expect(first.deliveries).toHaveLength(4);
      expect(first.next).toEqual({ messageId: two, subscriberName: 'alpha' });
      const rest = await store.listDeliveries(projectId, 'q', { limit: 4, after: first.next! }, T0 + 3);
      expect(rowsOf(rest)).toEqual([`${one}/beta: deleted`, `${one}/alpha: deleted`]);
      expect(rest.next).toBeNull();

      expect(rowsOf(await store.listDeliveries(projectId, 'q', { limit: 10, status: 'deleted' }, T0 + 3))).toEqual([`${one}/beta: deleted`, `${one}/alpha: deleted`]);
      expect(rowsOf(await store.listDeliveries(projectId, 'q', { limit: 10, subscriberName: 'alpha' }, T0 + 3))).toEqual([
        `${three}/alpha: queued`, `${two}/alpha: reserved`, `${one}/alpha: deleted`,
      ]);
      expect(rowsOf(await store.listDeliveries(projectId, 'q', { limit: 1, status: 'error', subscriberName: 'beta' }, T0 + 3))).toEqual([`${two}/beta: error`]);
      expect(rowsOf(await store.listDeliveries(projectId, 'q', { limit: 10, messageId: two }, T0 + 3))).toEqual([`${two}/alpha: reserved`, `${two}/beta: error`]);
    });

    it('says when the next try is due, what failed, and where the error report went', async () => {
      const settings = pushSettings('multicast', [alpha, beta], { retries: 2, errorQueue: ERRORS });
      const { store, projectId, ids } = await openPushQueue(ctx, settings);
      const [id] = ids;
      const attempts = attemptsByName(await claimAttempts(store, T0));
      await answer(store, attempts.alpha, 503, T0 + 10, 'Subscriber answered 503');
      await answer(store, attempts.beta, 202, T0 + 10);
      const byName = async (nowMs: number) =>
        Object.fromEntries((await store.listDeliveries(projectId, 'q', { limit: 10, messageId: id }, nowMs)).deliveries.map((d) => [d.subscriberName, d]));

      const waiting = await byName(T0 + 10);
      expect(waiting.alpha).toMatchObject({
        messageId: id, status: 'retrying', statusCode: 503, tries: 1, retriesRemaining: 1, lastTryAtMs: T0 + 10,
        nextTryAtMs: T0 + 10 + RETRIES_DELAY_MS, isInFlight: false, errorMessage: 'Subscriber answered 503', errorReport: null,
      });
      expect(waiting.beta).toMatchObject({ status: 'reserved', statusCode: 202, nextTryAtMs: T0 + 10 + RETRIES_DELAY_MS });

      const retryAtMs = T0 + 10 + RETRIES_DELAY_MS;
      const retries = attemptsByName(await claimAttempts(store, retryAtMs));
      expect((await byName(retryAtMs)).alpha).toMatchObject({ isInFlight: true });
      await answer(store, retries.alpha, 500, retryAtMs + 1, 'Subscriber answered 500');
      const failed = (await byName(retryAtMs + 1)).alpha;
      expect(failed).toMatchObject({ status: 'error', tries: 2, retriesRemaining: 0, nextTryAtMs: null, errorReport: { queueName: ERRORS } });
      const [report] = (await store.browseMessages(projectId, ERRORS, null, 10, retryAtMs + 1)).messages;
      expect(failed.errorReport?.messageId).toBe(report.id);
      expect(JSON.parse(report.body)).toMatchObject({ source_msg_id: id });
    });

    it('keeps deliveries as long as their message: a deleted message, a cleared queue and a pull queue list none', async () => {
      const { store, projectId, ids } = await openPushQueue(ctx, pushSettings('multicast', [alpha]), ['a', 'b']);
      await store.deleteMessages(projectId, 'q', [{ id: ids[0] }], T0);
      expect(rowsOf(await store.listDeliveries(projectId, 'q', { limit: 10 }, T0))).toEqual([`${ids[1]}/alpha: queued`]);
      await expectEngineError(() => store.listDeliveries(projectId, 'q', { limit: 10, messageId: ids[0] }, T0), 'MESSAGE_NOT_FOUND');
      await store.clearMessages(projectId, 'q');
      expect((await store.listDeliveries(projectId, 'q', { limit: 10 }, T0)).deliveries).toEqual([]);
      await postBodies(store, projectId, 'pull', ['x']);
      expect((await store.listDeliveries(projectId, 'pull', { limit: 10 }, T0)).deliveries).toEqual([]);
      await expectEngineError(() => store.listDeliveries(projectId, 'missing', { limit: 10 }, T0), 'QUEUE_NOT_FOUND');
    });

    it('lists deliveries of messages that reached a push queue by a dead-letter move or an error report', async () => {
      const store = await ctx.openEmpty();
      const projectId = newProjectId();
      await saveSettings(store, projectId, 'pushed', pushSettings('multicast', [beta]));
      await saveSettings(store, projectId, 'q', pullSettings({ deadLetter: { queueName: 'pushed', maxReservations: 1 } }));
      const [id] = await postBodies(store, projectId, 'q', ['poison']);
      await store.reserveMessages(projectId, 'q', { n: 1, timeoutMs: 1_000, isDelete: false }, T0);
      await store.reserveMessages(projectId, 'q', { n: 1, isDelete: false }, T0 + 1_000);
      expect(rowsOf(await store.listDeliveries(projectId, 'pushed', { limit: 10 }, T0 + 1_000))).toEqual([`${id}/beta: queued`]);
    });
  });

  describe('the newest messages', () => {
    it('are the last ones in any state, newest first, read without consuming them', async () => {
      const store = ctx.store();
      const projectId = newProjectId();
      const ids = await postBodies(store, projectId, 'q', ['a', 'b', 'c']);
      const [later] = (await store.postMessages(projectId, 'q', [newMessage('later', 60_000)], T0)).ids;
      await store.reserveMessages(projectId, 'q', { n: 1, isDelete: false }, T0);
      const latest = await store.latestMessages(projectId, 'q', 3, T0);
      expect(latest.map((m) => `${m.body}: ${m.state}`)).toEqual(['later: delayed', 'c: ready', 'b: ready']);
      expect(idsOf(await store.latestMessages(projectId, 'q', 10, T0))).toEqual([later, ids[2], ids[1], ids[0]]);
      expect((await store.getMessage(projectId, 'q', ids[0], T0)).state).toBe('reserved');
      expect((await store.getMessage(projectId, 'q', ids[1], T0)).reservedCount).toBe(0);
      expect((await store.latestMessages(projectId, 'q', 10, T0 + 8 * 86_400_000)).length).toBe(0);
      await expectEngineError(() => store.latestMessages(projectId, 'missing', 1, T0), 'QUEUE_NOT_FOUND');
    });
  });

  describe('dead-letter and error-queue sources', () => {
    it('finds the queues naming a queue as their dead-letter or error queue, in this project only', async () => {
      const store = ctx.store();
      const projectId = newProjectId();
      await saveSettings(store, projectId, 'orders', pullSettings({ deadLetter: { queueName: 'dead', maxReservations: 3 } }));
      await saveSettings(store, projectId, 'invoices', pullSettings({ deadLetter: { queueName: 'dead', maxReservations: 3 } }));
      await saveSettings(store, projectId, 'hooks', pushSettings('unicast', [alpha], { errorQueue: 'dead' }));
      await saveSettings(store, projectId, 'quiet', pushSettings('unicast', [alpha]));
      await saveSettings(store, newProjectId(), 'elsewhere', pullSettings({ deadLetter: { queueName: 'dead', maxReservations: 3 } }));

      const sources = await store.findQueueSources(projectId, ['dead', 'nothing', '']);
      expect(sources.map((s) => `${s.kind} ${s.sourceQueue} → ${s.target}`).sort()).toEqual([
        'deadLetter invoices → dead', 'deadLetter orders → dead', 'errorQueue hooks → dead',
      ]);
      await saveSettings(store, projectId, 'orders', pullSettings());
      expect((await store.findQueueSources(projectId, ['dead'])).map((s) => s.sourceQueue).sort()).toEqual(['hooks', 'invoices']);
      expect(await store.findQueueSources(projectId, [])).toEqual([]);
    });
  });
}
