// Push deliveries in the PostgreSQL store, the same rules as lib/engine/sqlite/push-ops.ts. What
// several instances must agree on lives here: an attempt is leased by one claim only (due rows
// are taken FOR UPDATE SKIP LOCKED, and the lease is written before COMMIT), a lease that runs out
// is a failed try whichever instance notices it, and every decision about one message's deliveries
// (is it finished? which unicast subscriber is next?) is made with the message row locked, so two
// outcomes of one message recorded at once on two instances are judged one after the other.
import { claimableFromFront, claimableFromHeads, earliestDue, type FrontUrl } from '../delivery-claims';
import { EngineError } from '../errors';
import { errorReportBody } from '../push-reports';
import { newReservationId } from '../reservation-ids';
import { subscriberKey } from '../subscribers';
import type { ClaimRequest, DeliveryAck, QueueRef } from '../store';
import { maxTries } from '../stored-rows';
import type { DeliveryAttempt, DeliveryOutcome, PushSettings, QueueSettings } from '../types';
import type { Sql } from './database';
import { deliveriesOf, deliveryHeads, deliveryOf, deliveryRows, scheduleDelivery, snapshot, updateDelivery, type DeliveryRow } from './delivery-rows';
import type { MessageRow } from './message-rows';
import type { QueueRow, QueueRows } from './queue-rows';
import { fromDbText, toDbText } from './text-codec';

/** Spreads retries over up to 10% more than retries_delay; random() = 0 gives retries_delay. */
function jittered(delayMs: number, random: () => number): number {
  return Math.round(delayMs * (1 + random() * 0.1));
}

/** Creates the deliveries of messages newly arrived in space `qid`; unicast schedules one subscriber per message. */
export async function createDeliveries(sql: Sql, settings: QueueSettings, qid: number, messages: Array<{ id: number; visibleAtMs: number }>): Promise<void> {
  const subscribers = settings.push!.subscribers;
  const rows: Array<[number, string, number, string, number | null]> = [];
  for (const message of messages) {
    const chosen = message.id % subscribers.length;
    subscribers.forEach((subscriber, position) => {
      const isScheduled = settings.type === 'multicast' || position === chosen;
      rows.push([message.id, toDbText(subscriberKey(subscriber)), position, toDbText(subscriber.url), isScheduled ? message.visibleAtMs : null]);
    });
  }
  await sql.run(
    `INSERT INTO deliveries (message_id, subscriber, position, url, status, next_try_at, qid)
     SELECT d.message_id, d.subscriber, d.position, d.url, 'queued', d.next_try_at, $1
     FROM unnest($2::bigint[], $3::text[], $4::int[], $5::text[], $6::bigint[]) AS d (message_id, subscriber, position, url, next_try_at)`,
    [qid, ...[0, 1, 2, 3, 4].map((column) => rows.map((row) => row[column]))],
  );
}

interface Context {
  queue: QueueRow;
  settings: QueueSettings;
  push: PushSettings;
  message: MessageRow;
}

/**
 * The message and queue a delivery belongs to, with the message locked; undefined when either is
 * gone, or (with `isSkippingLocked`) when another transaction holds the message right now.
 */
async function contextOf(rows: QueueRows, sql: Sql, messageId: number, nowMs: number, isSkippingLocked = false): Promise<Context | 'gone' | 'busy'> {
  const message = await sql.row<MessageRow>(`SELECT * FROM messages WHERE id = $1 FOR UPDATE${isSkippingLocked ? ' SKIP LOCKED' : ''}`, [messageId]);
  if (!message) {
    if (isSkippingLocked && (await sql.row('SELECT 1 FROM messages WHERE id = $1', [messageId]))) return 'busy';
    return 'gone';
  }
  if (message.expires_at <= nowMs) return 'gone';
  const queue = await rows.byQid(sql, Math.abs(message.qid));
  const settings = queue && rows.settingsOf(queue);
  if (!queue || !settings?.push) return 'gone';
  return { queue, settings, push: settings.push, message };
}

/** Leases up to `limit` due attempts; settles interrupted attempts and ack timeouts on the way. */
export async function claimDeliveries(rows: QueueRows, sql: Sql, request: ClaimRequest, nowMs: number): Promise<{ attempts: DeliveryAttempt[]; errorQueues: QueueRef[] }> {
  const attempts: DeliveryAttempt[] = [];
  const errorQueues: QueueRef[] = [];
  const { limit, leaseMs } = request;
  const front = await sql.rows<FrontUrl>(
    'SELECT url, COUNT(*)::int AS count FROM (SELECT url FROM deliveries WHERE next_try_at <= $1 ORDER BY next_try_at LIMIT $2) AS f GROUP BY url',
    [nowMs, limit],
  );
  for (const row of front) row.url = fromDbText(row.url);
  const claimable = claimableFromFront(front, request) ?? claimableFromHeads(await deliveryHeads(sql), request, nowMs);
  // Each url's front, locked as it is read; rows another claim holds are left to it.
  const due = await deliveryRows(
    sql,
    `SELECT d.* FROM unnest($1::text[], $2::int[]) AS c (url, room)
     CROSS JOIN LATERAL (
       SELECT * FROM deliveries WHERE url = c.url AND next_try_at <= $3 ORDER BY next_try_at LIMIT c.room FOR UPDATE SKIP LOCKED
     ) AS d`,
    [claimable.map((c) => toDbText(c.url)), claimable.map((c) => c.room), nowMs],
  );
  const leases: Array<{ delivery: DeliveryRow; reservationId: string }> = [];
  for (const delivery of earliestDue(due, limit)) {
    const context = await contextOf(rows, sql, delivery.message_id, nowMs, true);
    // Another transaction is deciding about this message: its attempts stay due for the next claim.
    if (context === 'busy') continue;
    if (context === 'gone') {
      await sql.run('DELETE FROM deliveries WHERE message_id = $1', [delivery.message_id]);
      continue;
    }
    if (delivery.in_flight || delivery.status === 'reserved') {
      // A lease nobody settled (its instance died or stalled) is a failed try; an unanswered 202
      // already counted its try and times out now, its retry due at once (§4.8.2).
      const isLostAttempt = delivery.in_flight;
      const reason = isLostAttempt
        ? 'Attempt interrupted: no outcome was recorded before its lease ran out (the server stopped or stalled)'
        : 'No acknowledgement within retries_delay';
      const tries = delivery.tries + (isLostAttempt ? 1 : 0);
      const failure = { tries, statusCode: isLostAttempt ? 0 : delivery.status_code, errorMessage: reason, isRetryDueNow: !isLostAttempt };
      errorQueues.push(...(await fail(rows, sql, context, delivery, failure, nowMs)));
      continue;
    }
    const subscriber = context.push.subscribers.find((s) => subscriberKey(s) === delivery.subscriber);
    if (!subscriber) {
      // The subscriber left the queue: no more attempts; a unicast message goes to another one.
      await sql.run('DELETE FROM deliveries WHERE message_id = $1 AND subscriber = $2', [delivery.message_id, toDbText(delivery.subscriber)]);
      if (context.settings.type === 'unicast') await scheduleNextUnicast(rows, sql, context, delivery, undefined, nowMs);
      await finishIfDone(rows, sql, context);
      continue;
    }
    const reservationId = newReservationId();
    leases.push({ delivery, reservationId });
    attempts.push({
      projectId: context.queue.project_id,
      queueName: context.queue.name,
      messageId: String(delivery.message_id),
      body: fromDbText(context.message.body),
      pushHeaders: context.message.push_headers === null ? null : JSON.parse(context.message.push_headers),
      subscriber,
      subscriberId: String(delivery.position),
      apiVersion: context.push.apiVersion ?? 3,
      reservationId,
      leaseUntilMs: nowMs + leaseMs,
      tries: delivery.tries,
    });
  }
  if (leases.length > 0) {
    await sql.run(
      `UPDATE deliveries d SET in_flight = true, next_try_at = $1, reservation_id = l.reservation_id
       FROM unnest($2::bigint[], $3::text[], $4::text[]) AS l (message_id, subscriber, reservation_id)
       WHERE d.message_id = l.message_id AND d.subscriber = l.subscriber`,
      [nowMs + leaseMs, leases.map((l) => l.delivery.message_id), leases.map((l) => toDbText(l.delivery.subscriber)), leases.map((l) => l.reservationId)],
    );
  }
  return { attempts, errorQueues };
}

/** Settles an attempt; a stale outcome (lease lost, or the message gone) changes nothing. */
export async function recordOutcome(rows: QueueRows, sql: Sql, outcome: DeliveryOutcome, nowMs: number): Promise<QueueRef[]> {
  const key = Number(outcome.messageId);
  // The message first, then its delivery: the order every writer of deliveries locks in.
  const context = await contextOf(rows, sql, key, nowMs);
  if (typeof context === 'string') return [];
  const delivery = await deliveryOf(sql, key, outcome.subscriberName);
  if (!delivery || !delivery.in_flight || delivery.reservation_id !== outcome.reservationId) return [];
  const tries = delivery.tries + 1;
  if (outcome.result === 'failed') {
    return fail(rows, sql, context, delivery, { tries, statusCode: outcome.statusCode, errorMessage: outcome.errorMessage, isRetryDueNow: false }, nowMs);
  }
  const isAccepted = outcome.result === 'accepted';
  // A 202 holds the delivery as `reserved` until acknowledged, for retries_delay (§4.8.2).
  await updateDelivery(sql, delivery, {
    status: isAccepted ? 'reserved' : 'deleted',
    tries,
    statusCode: outcome.statusCode,
    errorMessage: null,
    lastTryAtMs: nowMs,
    nextTryAtMs: isAccepted ? nowMs + context.push.retriesDelayMs : null,
  });
  if (!isAccepted) await finishIfDone(rows, sql, context);
  return [];
}

/** Hands a leased attempt back unstarted, to be claimed again at untilMs; no try is counted. */
export async function defer(sql: Sql, messageId: string, subscriberName: string, reservationId: string, untilMs: number): Promise<void> {
  const delivery = await deliveryOf(sql, Number(messageId), subscriberName);
  if (!delivery || !delivery.in_flight || delivery.reservation_id !== reservationId) return;
  await updateDelivery(sql, delivery, { ...snapshot(delivery), nextTryAtMs: untilMs });
}

/** The delivery an acknowledgement names: by subscriber name, by v1's subscriber id, or by its reservation alone. */
function acknowledgedDelivery(all: DeliveryRow[], ack: DeliveryAck): DeliveryRow | undefined {
  if (ack.subscriberName !== undefined) return all.find((d) => d.subscriber === ack.subscriberName);
  if (ack.subscriberId !== undefined) return all.find((d) => String(d.position) === ack.subscriberId);
  const byReservation = all.find((d) => ack.reservationId !== undefined && d.reservation_id === ack.reservationId);
  // A reservation id naming none of the message's deliveries is stale (§4.8.5: 403), not a missing message.
  return byReservation ?? all.find((d) => d.status === 'reserved') ?? all[0];
}

/** The subscriber's DELETE after a 202 (§4.8.5): needs the attempt's reservation id in time. */
export async function acknowledge(rows: QueueRows, sql: Sql, queue: QueueRow, ack: DeliveryAck, nowMs: number): Promise<void> {
  const key = Number(ack.messageId);
  const context = Number.isSafeInteger(key) ? await contextOf(rows, sql, key, nowMs) : 'gone';
  const delivery = typeof context === 'string' ? undefined : acknowledgedDelivery(await deliveriesOf(sql, key), ack);
  if (!delivery || typeof context === 'string' || context.queue.qid !== queue.qid) throw new EngineError('MESSAGE_NOT_FOUND');
  const isLive = delivery.status === 'reserved' && (delivery.next_try_at ?? 0) > nowMs;
  const isProven = ack.isReservationIgnored === true || (ack.reservationId !== undefined && delivery.reservation_id === ack.reservationId);
  if (!isLive || !isProven) throw new EngineError('RESERVATION_MISMATCH');
  await updateDelivery(sql, delivery, { ...snapshot(delivery), status: 'deleted', nextTryAtMs: null });
  await finishIfDone(rows, sql, context);
}

interface Failure {
  /** Tries counted so far, this one included. */
  tries: number;
  statusCode: number;
  errorMessage: string | null;
  /** The wait before the retry has already passed (an unacknowledged 202 waited retries_delay). */
  isRetryDueNow: boolean;
}

/** A failed try: retry after retries_delay, or after the last one `error` and a report (§4.8.6). */
async function fail(rows: QueueRows, sql: Sql, context: Context, d: DeliveryRow, failure: Failure, nowMs: number): Promise<QueueRef[]> {
  const { tries, statusCode, errorMessage } = failure;
  const isExhausted = tries >= maxTries(context.push);
  const isUnicast = context.settings.type === 'unicast';
  const retryAtMs = failure.isRetryDueNow ? nowMs : nowMs + jittered(context.push.retriesDelayMs, rows.random);
  await updateDelivery(sql, d, { status: isExhausted ? 'error' : 'retrying', tries, statusCode, errorMessage, lastTryAtMs: nowMs, nextTryAtMs: isExhausted || isUnicast ? null : retryAtMs });
  if (isUnicast) await scheduleNextUnicast(rows, sql, context, d, tries, nowMs);
  const reported = isExhausted ? await reportFailure(rows, sql, context, d, statusCode, errorMessage, nowMs) : [];
  await finishIfDone(rows, sql, context);
  return reported;
}

/**
 * Schedules the next subscriber of a unicast message after `after` (list order, wrapping): the
 * first still in the queue with tries left; a new round waits retries_delay. `afterTries` is
 * undefined when `after` was removed from the queue.
 */
async function scheduleNextUnicast(rows: QueueRows, sql: Sql, context: Context, after: DeliveryRow, afterTries: number | undefined, nowMs: number): Promise<void> {
  const current = new Set(context.push.subscribers.map(subscriberKey));
  const limit = maxTries(context.push);
  const triesOf = (d: DeliveryRow) => (d.subscriber === after.subscriber ? (afterTries ?? limit) : d.tries);
  const candidates = (await deliveriesOf(sql, after.message_id)).filter((d) => current.has(d.subscriber));
  const ordered = [...candidates.filter((d) => d.position > after.position), ...candidates.filter((d) => d.position <= after.position)];
  const next = ordered.find((d) => triesOf(d) < limit);
  if (!next) return;
  const isNewRound = afterTries !== undefined && (next.subscriber === after.subscriber || next.tries >= afterTries);
  await scheduleDelivery(sql, next, isNewRound ? nowMs + jittered(context.push.retriesDelayMs, rows.random) : nowMs);
}

async function reportFailure(rows: QueueRows, sql: Sql, context: Context, d: DeliveryRow, statusCode: number, errorMessage: string | null, nowMs: number): Promise<QueueRef[]> {
  const errorQueue = context.push.errorQueue;
  if (!errorQueue) return [];
  const subscriber = context.push.subscribers.find((s) => subscriberKey(s) === d.subscriber);
  const body = errorReportBody({
    messageId: String(d.message_id),
    body: fromDbText(context.message.body),
    headers: { ...subscriber?.headers, ...(context.message.push_headers ? JSON.parse(context.message.push_headers) : {}) },
    subscriberName: d.subscriber,
    url: d.url,
    statusCode,
    errorMessage,
  });
  const target = await rows.findOrCreate(sql, context.queue.project_id, errorQueue, nowMs);
  const targetSettings = rows.settingsOf(target);
  const [id] = await rows.allocateMessageIds(sql, 1);
  await sql.run(
    'INSERT INTO messages (id, qid, body, state, due_at, created_at, expires_at) VALUES ($1, $2, $3, 0, NULL, $4, $5)',
    [id, target.qid, toDbText(body), nowMs, nowMs + targetSettings.messageExpirationMs],
  );
  await rows.adjustCounts(sql, target, 1, 1);
  await sql.run('UPDATE deliveries SET report_queue = $1, report_id = $2 WHERE message_id = $3 AND subscriber = $4', [errorQueue, id, d.message_id, toDbText(d.subscriber)]);
  // A report is a message like any other: an error queue that is itself a push queue pushes it.
  if (targetSettings.push) await createDeliveries(sql, targetSettings, target.qid, [{ id, visibleAtMs: nowMs }]);
  return [{ projectId: context.queue.project_id, queueName: errorQueue }];
}

/**
 * When every delivery has ended (multicast), or one succeeded or all failed (unicast), the message
 * leaves the queue's size but stays readable until it expires (§4.8.2).
 */
async function finishIfDone(rows: QueueRows, sql: Sql, context: Context): Promise<void> {
  const { message, queue } = context;
  if (message.qid !== queue.qid) return;
  const all = await deliveriesOf(sql, message.id);
  const isFinal = (d: DeliveryRow) => d.status === 'deleted' || d.status === 'error';
  const isDone = context.settings.type === 'unicast' ? all.some((d) => d.status === 'deleted') || all.every((d) => d.status === 'error') : all.every(isFinal);
  if (!isDone) return;
  for (const d of all) if (!isFinal(d)) await scheduleDelivery(sql, d, null);
  await sql.run('UPDATE messages SET qid = $1 WHERE id = $2', [-queue.qid, message.id]);
  // The context is read once per decision; later decisions in this transaction see the move.
  message.qid = -queue.qid;
  await rows.adjustCounts(sql, queue, -1, 0);
}
