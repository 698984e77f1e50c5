// Conformance suite, push outcomes (§4.8.1, §4.8.2, §4.8.6): what recordDeliveryOutcome does with
// a 2xx, a 202 and a failure, retries retries_delay apart (jitter 0), the error status and the
// one error-queue report per failed delivery, and unicast rounds.
import { describe, expect, it } from 'vitest';
import {
  RETRIES_DELAY_MS,
  answer,
  attemptsByName,
  claim,
  claimAttempts,
  claimOne,
  nameOf,
  onlyStatus,
  openPushQueue,
  pushSettings,
  statusesByName,
  subscriber,
  untried,
} from './store-conformance-push-fixtures.test-helpers';
import { T0, expectEngineError, type ConformanceContext } from './store-conformance.test-helpers';

const alpha = subscriber('alpha');
const beta = subscriber('beta');
const ERRORS = 'errors';
const LATER = T0 + 100 * RETRIES_DELAY_MS;

export function describePushOutcomeConformance(ctx: ConformanceContext): void {
  describe('push outcomes and retries (§4.8.2)', () => {
    it('a 2xx delivers; the message leaves the queue size once every subscriber is done, and stays readable', async () => {
      const { store, projectId, ids } = await openPushQueue(ctx, pushSettings('multicast', [alpha, beta]));
      const [id] = ids;
      const attempts = attemptsByName(await claimAttempts(store, T0));
      expect(await answer(store, attempts.alpha, 200, T0 + 10)).toEqual([]);
      // The same outcome recorded twice counts once.
      expect(await answer(store, attempts.alpha, 200, T0 + 11)).toEqual([]);
      expect((await statusesByName(store, projectId, id, T0 + 11)).alpha).toMatchObject({
        status: 'deleted', statusCode: 200, tries: 1, retriesRemaining: 2, lastTryAtMs: T0 + 10, errorMessage: null,
      });
      expect(await store.getQueue(projectId, 'q')).toMatchObject({ size: 1 });

      await answer(store, attempts.beta, 204, T0 + 20);
      expect((await statusesByName(store, projectId, id, T0 + 20)).beta).toMatchObject({ status: 'deleted', statusCode: 204, tries: 1 });
      expect(await store.getQueue(projectId, 'q')).toMatchObject({ size: 0, totalMessages: 1 });
      expect(await store.getMessage(projectId, 'q', id, T0 + 20)).toMatchObject({ id, body: 'm', isDelivered: true });
      expect(await store.nextDeliveryDueAtMs([])).toBeUndefined();
      expect(await claim(store, LATER)).toEqual({ attempts: [], errorQueues: [] });
    });

    it('a 202 holds the delivery reserved until the subscriber acknowledges within retries_delay', async () => {
      const { store, projectId, ids } = await openPushQueue(ctx, pushSettings('multicast', [alpha]));
      const [id] = ids;
      const attempt = await claimOne(store, T0);
      expect(await answer(store, attempt, 202, T0 + 10)).toEqual([]);
      expect(await onlyStatus(store, projectId, id, T0 + 10)).toMatchObject({ status: 'reserved', statusCode: 202, tries: 1, retriesRemaining: 2 });
      expect(await store.getQueue(projectId, 'q')).toMatchObject({ size: 1 });
      expect(await store.nextDeliveryDueAtMs([])).toBe(T0 + 10 + RETRIES_DELAY_MS);
      expect(await claimAttempts(store, T0 + 9 + RETRIES_DELAY_MS)).toEqual([]);

      const ack = { messageId: id, reservationId: attempt.reservationId, subscriberName: 'alpha' };
      await store.acknowledgeDelivery(projectId, 'q', ack, T0 + 9 + RETRIES_DELAY_MS);
      expect(await onlyStatus(store, projectId, id, T0 + RETRIES_DELAY_MS)).toMatchObject({ status: 'deleted', tries: 1 });
      expect(await store.getQueue(projectId, 'q')).toMatchObject({ size: 0 });
      expect(await store.nextDeliveryDueAtMs([])).toBeUndefined();
      // Acknowledged once is enough: the same acknowledgement again finds no 202 waiting.
      await expectEngineError(() => store.acknowledgeDelivery(projectId, 'q', ack, T0 + 10 + RETRIES_DELAY_MS), 'RESERVATION_MISMATCH');
    });

    it('a 202 not acknowledged in time is a failed try, retried with a new reservation; the last one reports', async () => {
      const settings = pushSettings('multicast', [alpha], { retries: 2, errorQueue: ERRORS });
      const { store, projectId, ids } = await openPushQueue(ctx, settings);
      const [id] = ids;
      const first = await claimOne(store, T0);
      await answer(store, first, 202, T0);
      const deadline = T0 + RETRIES_DELAY_MS;
      const ackFirst = { messageId: id, reservationId: first.reservationId, subscriberName: 'alpha' };
      await expectEngineError(() => store.acknowledgeDelivery(projectId, 'q', ackFirst, deadline), 'RESERVATION_MISMATCH');

      expect(await claimAttempts(store, deadline)).toEqual([]);
      const timedOut = await onlyStatus(store, projectId, id, deadline);
      expect(timedOut).toMatchObject({ status: 'retrying', statusCode: 202, tries: 1, retriesRemaining: 1, lastTryAtMs: deadline });
      expect(timedOut.errorMessage).toMatch(/acknowledg/i);
      // The wait for the acknowledgement already lasted retries_delay: the retry is due at once,
      // not another retries_delay later.
      const retryAtMs = (await store.nextDeliveryDueAtMs([]))!;
      expect(retryAtMs).toBe(deadline);
      const second = await claimOne(store, retryAtMs);
      expect(second.reservationId).not.toBe(first.reservationId);
      await answer(store, second, 202, retryAtMs);
      await expectEngineError(() => store.acknowledgeDelivery(projectId, 'q', ackFirst, retryAtMs + 1), 'RESERVATION_MISMATCH');

      expect(await claim(store, retryAtMs + RETRIES_DELAY_MS)).toEqual({ attempts: [], errorQueues: [{ projectId, queueName: ERRORS }] });
      expect(await onlyStatus(store, projectId, id, retryAtMs + RETRIES_DELAY_MS)).toMatchObject({ status: 'error', statusCode: 202, tries: 2, retriesRemaining: 0 });
      expect(await store.getQueue(projectId, 'q')).toMatchObject({ size: 0 });
      const [report] = await store.peekMessages(projectId, ERRORS, 10, retryAtMs + RETRIES_DELAY_MS);
      expect(JSON.parse(report.body)).toMatchObject({ source_msg_id: id, subscribers: [{ name: 'alpha', url: alpha.url, code: 202, msg: expect.stringMatching(/acknowledg/i) }] });
    });

    it('a failure is retried exactly retries_delay later (jitter 0) until retries run out, then error without a report', async () => {
      const { store, projectId, ids } = await openPushQueue(ctx, pushSettings('multicast', [alpha]));
      const reservations = new Set<string>();
      let nowMs = T0;
      for (let tries = 1; tries <= 3; tries++) {
        const attempt = await claimOne(store, nowMs);
        // Each attempt says how many tries came before it: a retry is one with tries above 0.
        expect(attempt.tries).toBe(tries - 1);
        reservations.add(attempt.reservationId);
        expect(await answer(store, attempt, 500 + tries, nowMs + 5, `failure ${tries}`)).toEqual([]);
        expect(await onlyStatus(store, projectId, ids[0], nowMs + 5)).toMatchObject({
          status: tries < 3 ? 'retrying' : 'error',
          statusCode: 500 + tries,
          tries,
          retriesRemaining: 3 - tries,
          lastTryAtMs: nowMs + 5,
          errorMessage: `failure ${tries}`,
        });
        nowMs += 5 + RETRIES_DELAY_MS;
        if (tries < 3) {
          expect(await store.nextDeliveryDueAtMs([])).toBe(nowMs);
          expect(await claimAttempts(store, nowMs - 1)).toEqual([]);
        }
      }
      expect(reservations.size).toBe(3);
      expect(await store.getQueue(projectId, 'q')).toMatchObject({ size: 0 });
      expect(await store.nextDeliveryDueAtMs([])).toBeUndefined();
      expect(await claim(store, LATER)).toEqual({ attempts: [], errorQueues: [] });
    });

    it('the last failure posts exactly one §4.8.6 report to the error queue and returns it', async () => {
      const healthy = subscriber('healthy');
      const broken = subscriber('broken', { 'X-Sub': 's' });
      const settings = pushSettings('multicast', [healthy, broken], { retries: 2, errorQueue: ERRORS });
      const { store, projectId, ids } = await openPushQueue(ctx, settings, [{ body: 'doomed', delayMs: 0, pushHeaders: { 'X-Push': 'p' } }]);
      const [id] = ids;
      const attempts = attemptsByName(await claimAttempts(store, T0));
      await answer(store, attempts.healthy, 200, T0 + 1);
      expect(await answer(store, attempts.broken, 503, T0 + 1, 'Service Unavailable')).toEqual([]);
      expect(await store.getQueue(projectId, ERRORS)).toBeUndefined();

      const retry = await claimOne(store, T0 + 1 + RETRIES_DELAY_MS);
      const endMs = T0 + 2 + RETRIES_DELAY_MS;
      expect(await answer(store, retry, 503, endMs, 'Service Unavailable')).toEqual([{ projectId, queueName: ERRORS }]);
      expect(await statusesByName(store, projectId, id, endMs)).toMatchObject({
        healthy: { status: 'deleted', tries: 1, retriesRemaining: 1 },
        broken: { status: 'error', statusCode: 503, tries: 2, retriesRemaining: 0, errorMessage: 'Service Unavailable' },
      });
      expect(await store.getQueue(projectId, 'q')).toMatchObject({ size: 0 });
      expect(await store.getQueue(projectId, ERRORS)).toMatchObject({ type: 'pull', size: 1, totalMessages: 1 });
      const reports = await store.peekMessages(projectId, ERRORS, 10, endMs);
      expect(reports).toHaveLength(1);
      expect(JSON.parse(reports[0].body)).toMatchObject({
        source_msg_id: id,
        body: 'doomed',
        headers: { 'X-Sub': 's', 'X-Push': 'p' },
        subscribers: [{ name: 'broken', url: broken.url, code: 503, msg: 'Service Unavailable' }],
        // v1 clients read code and msg at the top level (§4.8.6).
        code: 503,
        msg: 'Service Unavailable',
      });
      expect(await claim(store, LATER)).toEqual({ attempts: [], errorQueues: [] });
      expect(await store.getQueue(projectId, ERRORS)).toMatchObject({ size: 1 });
    });

    it('retries 0 still makes one attempt', async () => {
      const { store, projectId, ids } = await openPushQueue(ctx, pushSettings('multicast', [alpha], { retries: 0 }));
      await answer(store, await claimOne(store, T0), 500, T0 + 1);
      expect(await onlyStatus(store, projectId, ids[0], T0 + 1)).toMatchObject({ status: 'error', tries: 1, retriesRemaining: 0 });
      expect(await claimAttempts(store, LATER)).toEqual([]);
    });

    it("jitter from the store's random source only delays a retry, by less than 10% of retries_delay", async () => {
      const { store } = await openPushQueue(ctx, pushSettings('multicast', [alpha]), ['m'], { random: () => 0.5 });
      await answer(store, await claimOne(store, T0), 500, T0);
      const retryAtMs = (await store.nextDeliveryDueAtMs([]))!;
      expect(retryAtMs).toBeGreaterThan(T0 + RETRIES_DELAY_MS);
      expect(retryAtMs).toBeLessThan(T0 + RETRIES_DELAY_MS * 1.1);
      expect(await claimAttempts(store, retryAtMs - 1)).toEqual([]);
      expect(await claimAttempts(store, retryAtMs)).toHaveLength(1);
    });
  });

  describe('unicast rounds (§4.8.1)', () => {
    it('after a failure the next subscriber is tried at once; when all failed, a new round after retries_delay; then error', async () => {
      const settings = pushSettings('unicast', [alpha, beta], { retries: 2, errorQueue: ERRORS });
      const { store, projectId, ids } = await openPushQueue(ctx, settings);
      const first = await claimOne(store, T0);
      const [firstName, secondName] = nameOf(first) === 'alpha' ? ['alpha', 'beta'] : ['beta', 'alpha'];
      expect(await answer(store, first, 500, T0 + 1)).toEqual([]);
      const second = await claimOne(store, T0 + 1);
      expect(nameOf(second)).toBe(secondName);
      expect(await statusesByName(store, projectId, ids[0], T0 + 1)).toMatchObject({
        [firstName]: { status: 'retrying', statusCode: 500, tries: 1 },
        [secondName]: untried(secondName, 2),
      });

      expect(await answer(store, second, 503, T0 + 2)).toEqual([]);
      const roundTwoMs = T0 + 2 + RETRIES_DELAY_MS;
      expect(await store.nextDeliveryDueAtMs([])).toBe(roundTwoMs);
      const third = await claimOne(store, roundTwoMs);
      expect(nameOf(third)).toBe(firstName);
      expect(await answer(store, third, 500, roundTwoMs)).toEqual([{ projectId, queueName: ERRORS }]);
      const fourth = await claimOne(store, roundTwoMs);
      expect(nameOf(fourth)).toBe(secondName);
      expect(await answer(store, fourth, 503, roundTwoMs + 1)).toEqual([{ projectId, queueName: ERRORS }]);

      expect(await statusesByName(store, projectId, ids[0], roundTwoMs + 1)).toMatchObject({
        [firstName]: { status: 'error', statusCode: 500, tries: 2, retriesRemaining: 0 },
        [secondName]: { status: 'error', statusCode: 503, tries: 2, retriesRemaining: 0 },
      });
      // One report per failed (message, subscriber) pair (§4.8.6).
      expect(await store.getQueue(projectId, ERRORS)).toMatchObject({ size: 2 });
      expect(await store.getQueue(projectId, 'q')).toMatchObject({ size: 0 });
      expect(await claim(store, LATER)).toEqual({ attempts: [], errorQueues: [] });
    });

    it('one success ends the message: a subscriber not yet tried stays queued, a failed one is not retried', async () => {
      const { store, projectId, ids } = await openPushQueue(ctx, pushSettings('unicast', [alpha, beta]), ['first', 'second']);
      const attempts = await claimAttempts(store, T0);
      const attemptOf = (id: string) => attempts.find((attempt) => attempt.messageId === id)!;
      await answer(store, attemptOf(ids[0]), 500, T0 + 1);
      const fallback = await claimOne(store, T0 + 1);
      await answer(store, fallback, 200, T0 + 2);
      await answer(store, attemptOf(ids[1]), 200, T0 + 2);

      const tried = nameOf(attemptOf(ids[0]));
      expect(await statusesByName(store, projectId, ids[0], T0 + 2)).toMatchObject({
        [tried]: { status: 'retrying', tries: 1 },
        [nameOf(fallback)]: { status: 'deleted', statusCode: 200, tries: 1 },
      });
      const delivered = nameOf(attemptOf(ids[1]));
      const untouched = delivered === 'alpha' ? 'beta' : 'alpha';
      expect(await statusesByName(store, projectId, ids[1], T0 + 2)).toMatchObject({
        [delivered]: { status: 'deleted', tries: 1 },
        [untouched]: untried(untouched),
      });
      expect(await store.getQueue(projectId, 'q')).toMatchObject({ size: 0, totalMessages: 2 });
      expect(await store.nextDeliveryDueAtMs([])).toBeUndefined();
      expect(await claim(store, LATER)).toEqual({ attempts: [], errorQueues: [] });
    });
  });
}
