// Push deliveries in the SQLite store: one row per (message, subscriber), created with the
// message, leased to the pusher for each attempt, and moved through §4.8.2's statuses by the
// attempt's outcome. Every function runs inside one group-commit savepoint.
import { claimableFromFront, claimableFromHeads, earliestDue, type DeliveryHead, type FrontUrl } from '../delivery-claims';
import { EngineError } from '../errors';
import { errorReportBody } from '../push-reports';
import { newReservationId } from '../reservation-ids';
import { subscriberKey } from '../subscribers';
import type { ClaimRequest, DeliveryAck, QueueRef } from '../store';
import { maxTries } from '../stored-rows';
import type { DeliveryAttempt, DeliveryOutcome, PushSettings, PushStatusName, QueueSettings } from '../types';
import { leavingCounts, type QueueRows } from './queue-rows';
import type { DeliveryRow, MessageRow, QueueRow } from './statements';

/**
 * Spreads retries of many failed deliveries over up to 10% more than retries_delay, so they do
 * not all hit a recovering subscriber at once. `random` returns [0, 1): 0 gives retries_delay.
 */
function jittered(delayMs: number, random: () => number): number {
  return Math.round(delayMs * (1 + random() * 0.1));
}

/**
 * Creates the deliveries of messages newly arrived in the queue of message space `qid`; unicast
 * schedules one subscriber per message.
 */
export function createDeliveries(rows: QueueRows, settings: QueueSettings, qid: number, messages: Array<{ id: number; visibleAtMs: number }>): void {
  const subscribers = settings.push!.subscribers;
  for (const message of messages) {
    const chosen = message.id % subscribers.length;
    subscribers.forEach((subscriber, position) => {
      const isScheduled = settings.type === 'multicast' || position === chosen;
      rows.sql.insertDelivery.run(message.id, subscriberKey(subscriber), position, subscriber.url, isScheduled ? message.visibleAtMs : null, qid);
    });
  }
}

interface Context {
  queue: QueueRow;
  settings: QueueSettings;
  push: PushSettings;
  message: MessageRow;
}

/** The message and queue a delivery belongs to, or undefined when either is gone. */
function contextOf(rows: QueueRows, delivery: DeliveryRow, nowMs: number): Context | undefined {
  const message = rows.sql.messageAnywhere.get(delivery.message_id) as MessageRow | undefined;
  if (!message || message.expires_at <= nowMs) return undefined;
  const queue = rows.sql.queueByQid.get(Math.abs(message.qid)) as QueueRow | undefined;
  const settings = queue && rows.settingsOf(queue);
  if (!queue || !settings?.push) return undefined;
  return { queue, settings, push: settings.push, message };
}

/** Leases up to `limit` due attempts to the pusher; settles interrupted attempts and ack timeouts. */
export function claimDeliveries(
  rows: QueueRows,
  request: ClaimRequest,
  nowMs: number,
): { attempts: DeliveryAttempt[]; errorQueues: QueueRef[] } {
  const attempts: DeliveryAttempt[] = [];
  const errorQueues: QueueRef[] = [];
  const { limit, leaseMs } = request;
  const claimable =
    claimableFromFront(rows.sql.dueDeliveryFront.all(nowMs, limit) as FrontUrl[], request) ??
    claimableFromHeads(rows.sql.deliveryHeads.all() as DeliveryHead[], request, nowMs);
  const due = claimable.flatMap(({ url, room }) => rows.sql.dueDeliveriesOfUrl.all(url, nowMs, room) as DeliveryRow[]);
  for (const delivery of earliestDue(due, limit)) {
    const context = contextOf(rows, delivery, nowMs);
    if (!context) {
      rows.sql.deleteDeliveries.run(delivery.message_id);
      continue;
    }
    if (delivery.in_flight === 1 || delivery.status === 'reserved') {
      // A lease nobody settled (the process died or stalled mid-attempt) is a failed try; an
      // unanswered 202 already counted its try and now times out (§4.8.2). Its wait for the
      // acknowledgement was already retries_delay long, so its retry is due at once.
      const isLostAttempt = delivery.in_flight === 1;
      const reason = isLostAttempt
        ? 'Attempt interrupted: no outcome was recorded before its lease ran out (the server stopped or stalled)'
        : 'No acknowledgement within retries_delay';
      const tries = delivery.tries + (isLostAttempt ? 1 : 0);
      const failure = { tries, statusCode: isLostAttempt ? 0 : delivery.status_code, errorMessage: reason, isRetryDueNow: !isLostAttempt };
      errorQueues.push(...fail(rows, context, delivery, failure, nowMs));
      continue;
    }
    const subscriber = context.push.subscribers.find((s) => subscriberKey(s) === delivery.subscriber);
    if (!subscriber) {
      // The subscriber was removed from the queue: its deliveries end without another attempt,
      // and a unicast message it was chosen for goes to another subscriber instead.
      rows.sql.deleteDelivery.run(delivery.message_id, delivery.subscriber);
      if (context.settings.type === 'unicast') scheduleNextUnicast(rows, context, delivery, undefined, nowMs);
      finishIfDone(rows, context);
      continue;
    }
    const reservationId = newReservationId();
    rows.sql.leaseDelivery.run(nowMs + leaseMs, reservationId, delivery.message_id, delivery.subscriber);
    attempts.push({
      projectId: context.queue.project_id,
      queueName: context.queue.name,
      messageId: String(delivery.message_id),
      body: context.message.body,
      pushHeaders: context.message.push_headers === null ? null : JSON.parse(context.message.push_headers),
      subscriber,
      subscriberId: String(delivery.position),
      apiVersion: context.push.apiVersion ?? 3,
      reservationId,
      leaseUntilMs: nowMs + leaseMs,
      tries: delivery.tries,
    });
  }
  return { attempts, errorQueues };
}

/** Settles an attempt; a stale outcome (lease lost, or the message gone) changes nothing. */
export function recordOutcome(rows: QueueRows, outcome: DeliveryOutcome, nowMs: number): QueueRef[] {
  const key = Number(outcome.messageId);
  const delivery = rows.sql.deliveryOf.get(key, outcome.subscriberName) as DeliveryRow | undefined;
  if (!delivery || delivery.in_flight !== 1 || delivery.reservation_id !== outcome.reservationId) return [];
  const context = contextOf(rows, delivery, nowMs);
  if (!context) return [];
  const tries = delivery.tries + 1;
  if (outcome.result === 'failed') {
    return fail(rows, context, delivery, { tries, statusCode: outcome.statusCode, errorMessage: outcome.errorMessage, isRetryDueNow: false }, nowMs);
  }
  const isAccepted = outcome.result === 'accepted';
  // A 202 holds the delivery as `reserved` until acknowledged, for retries_delay (§4.8.2).
  update(rows, delivery, {
    status: isAccepted ? 'reserved' : 'deleted',
    tries,
    statusCode: outcome.statusCode,
    errorMessage: null,
    lastTryAtMs: nowMs,
    nextTryAtMs: isAccepted ? nowMs + context.push.retriesDelayMs : null,
  });
  if (!isAccepted) finishIfDone(rows, context);
  return [];
}

/** Hands a leased attempt back unstarted, to be claimed again at untilMs; no try is counted. */
export function defer(rows: QueueRows, messageId: string, subscriberName: string, reservationId: string, untilMs: number): void {
  const delivery = rows.sql.deliveryOf.get(Number(messageId), subscriberName) as DeliveryRow | undefined;
  if (!delivery || delivery.in_flight !== 1 || delivery.reservation_id !== reservationId) return;
  update(rows, delivery, { ...snapshot(delivery), nextTryAtMs: untilMs });
}

/** The delivery an acknowledgement names: by subscriber name, by v1's subscriber id, or by its reservation alone. */
function acknowledgedDelivery(rows: QueueRows, ack: DeliveryAck): DeliveryRow | undefined {
  const all = rows.sql.deliveriesOf.all(Number(ack.messageId)) as DeliveryRow[];
  if (ack.subscriberName !== undefined) return all.find((d) => d.subscriber === ack.subscriberName);
  if (ack.subscriberId !== undefined) return all.find((d) => String(d.position) === ack.subscriberId);
  const byReservation = all.find((d) => ack.reservationId !== undefined && d.reservation_id === ack.reservationId);
  // A reservation id that names none of the message's deliveries is stale (§4.8.5: 403), not a
  // missing message: the check below answers RESERVATION_MISMATCH for it.
  return byReservation ?? all.find((d) => d.status === 'reserved') ?? all[0];
}

/** The subscriber's DELETE after a 202 (§4.8.5): needs the attempt's reservation id in time. */
export function acknowledge(rows: QueueRows, queue: QueueRow, ack: DeliveryAck, nowMs: number): void {
  const delivery = acknowledgedDelivery(rows, ack);
  const context = delivery && contextOf(rows, delivery, nowMs);
  if (!delivery || !context || context.queue.qid !== queue.qid) throw new EngineError('MESSAGE_NOT_FOUND');
  const isLive = delivery.status === 'reserved' && (delivery.next_try_at ?? 0) > nowMs;
  const isProven = ack.isReservationIgnored === true || (ack.reservationId !== undefined && delivery.reservation_id === ack.reservationId);
  if (!isLive || !isProven) throw new EngineError('RESERVATION_MISMATCH');
  update(rows, delivery, { ...snapshot(delivery), status: 'deleted', nextTryAtMs: null });
  finishIfDone(rows, context);
}

interface DeliveryChange {
  status: PushStatusName;
  tries: number;
  statusCode: number;
  errorMessage: string | null;
  lastTryAtMs: number | null;
  nextTryAtMs: number | null;
}

function snapshot(d: DeliveryRow): DeliveryChange {
  return { status: d.status as PushStatusName, tries: d.tries, statusCode: d.status_code, errorMessage: d.error_msg, lastTryAtMs: d.last_try_at, nextTryAtMs: d.next_try_at };
}

function update(rows: QueueRows, d: DeliveryRow, change: DeliveryChange): void {
  rows.sql.updateDelivery.run({
    message_id: d.message_id,
    subscriber: d.subscriber,
    status: change.status,
    tries: change.tries,
    status_code: change.statusCode,
    error_msg: change.errorMessage,
    last_try_at: change.lastTryAtMs,
    next_try_at: change.nextTryAtMs,
  });
}

interface Failure {
  /** Tries counted so far, this one included. */
  tries: number;
  statusCode: number;
  errorMessage: string | null;
  /** The wait before the retry has already passed (an unacknowledged 202 waited retries_delay). */
  isRetryDueNow: boolean;
}

/**
 * A failed try: retry after retries_delay, or, after the last one, `error` and a report to the
 * error queue. Unicast moves on to the next subscriber at once within a round (§4.8.1).
 */
function fail(rows: QueueRows, context: Context, d: DeliveryRow, failure: Failure, nowMs: number): QueueRef[] {
  const { tries, statusCode, errorMessage } = failure;
  const isExhausted = tries >= maxTries(context.push);
  const isUnicast = context.settings.type === 'unicast';
  const retryAtMs = failure.isRetryDueNow ? nowMs : nowMs + jittered(context.push.retriesDelayMs, rows.random);
  update(rows, d, {
    status: isExhausted ? 'error' : 'retrying',
    tries,
    statusCode,
    errorMessage,
    lastTryAtMs: nowMs,
    nextTryAtMs: isExhausted || isUnicast ? null : retryAtMs,
  });
  if (isUnicast) scheduleNextUnicast(rows, context, d, tries, nowMs);
  const reported = isExhausted ? reportFailure(rows, context, d, statusCode, errorMessage, nowMs) : [];
  finishIfDone(rows, context);
  return reported;
}

/**
 * Schedules the next subscriber of a unicast message after `after` (in list order, wrapping):
 * the first still in the queue with tries left. One not yet tried this round goes at once; a
 * new round waits retries_delay. `afterTries` is undefined when `after` was removed from the queue.
 */
function scheduleNextUnicast(rows: QueueRows, context: Context, after: DeliveryRow, afterTries: number | undefined, nowMs: number): void {
  const current = new Set(context.push.subscribers.map(subscriberKey));
  const limit = maxTries(context.push);
  const triesOf = (d: DeliveryRow) => (d.subscriber === after.subscriber ? (afterTries ?? limit) : d.tries);
  const candidates = (rows.sql.deliveriesOf.all(after.message_id) as DeliveryRow[]).filter((d) => current.has(d.subscriber));
  const ordered = [...candidates.filter((d) => d.position > after.position), ...candidates.filter((d) => d.position <= after.position)];
  const next = ordered.find((d) => triesOf(d) < limit);
  if (!next) return;
  const isNewRound = afterTries !== undefined && (next.subscriber === after.subscriber || next.tries >= afterTries);
  rows.sql.scheduleDelivery.run(isNewRound ? nowMs + jittered(context.push.retriesDelayMs, rows.random) : nowMs, next.message_id, next.subscriber);
}

function reportFailure(rows: QueueRows, context: Context, d: DeliveryRow, statusCode: number, errorMessage: string | null, nowMs: number): QueueRef[] {
  const errorQueue = context.push.errorQueue;
  if (!errorQueue) return [];
  const subscriber = context.push.subscribers.find((s) => subscriberKey(s) === d.subscriber);
  const body = errorReportBody({
    messageId: String(d.message_id),
    body: context.message.body,
    headers: { ...subscriber?.headers, ...(context.message.push_headers ? JSON.parse(context.message.push_headers) : {}) },
    subscriberName: d.subscriber,
    url: d.url,
    statusCode,
    errorMessage,
  });
  const target = rows.findOrCreate(context.queue.project_id, errorQueue, nowMs);
  const targetSettings = rows.settingsOf(target);
  const id = rows.allocateMessageIds(1, nowMs);
  rows.sql.insertMessage.run(id, target.qid, body, 0, null, nowMs, nowMs + targetSettings.messageExpirationMs, null, null);
  rows.adjustCounts(target.qid, { size: 1, total: 1 });
  rows.sql.setDeliveryReport.run(errorQueue, id, d.message_id, d.subscriber);
  // A report is a message like any other: an error queue that is itself a push queue pushes it.
  if (targetSettings.push) createDeliveries(rows, targetSettings, target.qid, [{ id, visibleAtMs: nowMs }]);
  return [{ projectId: context.queue.project_id, queueName: errorQueue }];
}

/**
 * When every delivery has ended (multicast), or one succeeded or all failed (unicast), the
 * message leaves the queue's size but stays readable until it expires (§4.8.2).
 */
function finishIfDone(rows: QueueRows, context: Context): void {
  const { message, queue } = context;
  if (message.qid !== queue.qid) return;
  const all = rows.sql.deliveriesOf.all(message.id) as DeliveryRow[];
  const isFinal = (d: DeliveryRow) => d.status === 'deleted' || d.status === 'error';
  const isDone = context.settings.type === 'unicast'
    ? all.some((d) => d.status === 'deleted') || all.every((d) => d.status === 'error')
    : all.every(isFinal);
  if (!isDone) return;
  for (const d of all) if (!isFinal(d)) rows.sql.scheduleDelivery.run(null, d.message_id, d.subscriber);
  rows.sql.archiveMessage.run(-queue.qid, message.id);
  rows.adjustCounts(queue.qid, leavingCounts([message.state]));
}
