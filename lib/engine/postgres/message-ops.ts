// Message operations of the PostgreSQL store, the same rules as the SQLite store's
// (lib/engine/sqlite/message-ops.ts). Writes run inside one transaction each: the messages they
// decide about are locked (reserve skips those another transaction holds), and the queue's counters
// change last (queue-counts.ts), so whatever lock counting takes is held only from there to COMMIT.
import { EngineError } from '../errors';
import { assertDeletable, assertHeld } from '../messages';
import type { MessagePage, ReserveRequest, ReserveResult } from '../store';
import type { MessageDetail, MessageRef, NewMessage, QueueCounts, ReservedMessage } from '../types';
import { newReservationId } from '../reservation-ids';
import { RetryTransaction, type Sql } from './database';
import { availableFront, findLiveMessage, messageKey, statusOf, toDetail, type MessageRow } from './message-rows';
import { createDeliveries } from './push-ops';
import type { QueueRow, QueueRows } from './queue-rows';
import { STATE_DELAYED, STATE_READY, STATE_RESERVED } from './schema';
import { fromDbText, toDbText } from './text-codec';

const INSERT_MESSAGES = `INSERT INTO messages (id, qid, body, state, due_at, created_at, expires_at, timeout_ms, push_headers)
  SELECT m.id, $1, m.body, m.state, m.due_at, $2, m.expires_at, m.timeout_ms, m.push_headers
  FROM unnest($3::bigint[], $4::text[], $5::smallint[], $6::bigint[], $7::bigint[], $8::bigint[], $9::text[])
    AS m (id, body, state, due_at, expires_at, timeout_ms, push_headers)`;

/** The parameters $1..$9 of INSERT_MESSAGES: messages of space `qid` with the given ids. */
function insertParams(qid: number, ids: number[], messages: NewMessage[], nowMs: number, expirationMs: number): unknown[] {
  return [
    qid,
    nowMs,
    ids,
    messages.map((m) => (typeof m.body === 'string' ? toDbText(m.body) : m.body)),
    messages.map((m) => (m.delayMs > 0 ? STATE_DELAYED : STATE_READY)),
    messages.map((m) => (m.delayMs > 0 ? nowMs + m.delayMs : null)),
    messages.map((m) => nowMs + (m.expiresInMs ?? expirationMs)),
    messages.map((m) => m.timeoutMs ?? null),
    messages.map((m) => (m.pushHeaders === null ? null : JSON.stringify(m.pushHeaders))),
  ];
}

/** Inserts messages of space `qid` with the given ids, in one statement. */
export async function insertMessages(sql: Sql, qid: number, ids: number[], messages: NewMessage[], nowMs: number, expirationMs: number): Promise<void> {
  await sql.run(INSERT_MESSAGES, insertParams(qid, ids, messages, nowMs, expirationMs));
}

/** Appends messages to the queue as `queue` (read without a lock in this transaction) describes it. */
export async function postMessages(rows: QueueRows, sql: Sql, queue: QueueRow, messages: NewMessage[], nowMs: number): Promise<{ ids: string[]; after: QueueRow }> {
  const settings = rows.settingsOf(queue);
  const ids = await rows.allocateMessageIds(sql, messages.length);
  if (settings.push) {
    const posted = messages.map((message, i) => ({ id: ids[i], visibleAtMs: nowMs + message.delayMs }));
    await createDeliveries(sql, settings, queue.qid, posted);
  }
  await insertMessages(sql, queue.qid, ids, messages, nowMs, settings.messageExpirationMs);
  // Counted under the settings read above: had they changed, the transaction runs again, so a
  // message never lands in a queue under settings it was not posted with.
  const after = await rows.adjustCounts(sql, queue, messages.length, messages.length);
  if (!after) throw new RetryTransaction('the queue was cleared or deleted while messages were posted');
  return { ids: ids.map(String), after };
}

export async function peekMessages(sql: Sql, queue: QueueRow, n: number, nowMs: number): Promise<MessageDetail[]> {
  return (await availableFront(sql, queue.qid, n, nowMs)).map((row) => toDetail(row, nowMs));
}

/** Moves messages to the dead-letter queue with their ids, bodies and reserved_count (§4.6). */
async function deadLetter(rows: QueueRows, sql: Sql, queue: QueueRow, worn: MessageRow[], nowMs: number): Promise<QueueRow> {
  const { deadLetter: policy } = rows.settingsOf(queue);
  const target = await rows.findOrCreate(sql, queue.project_id, policy!.queueName, nowMs);
  const targetSettings = rows.settingsOf(target);
  const ids = worn.map((row) => row.id);
  await sql.run('UPDATE messages SET qid = $1, state = 0, due_at = NULL, expires_at = $2 WHERE id = ANY($3::bigint[])', [
    target.qid,
    nowMs + targetSettings.messageExpirationMs,
    ids,
  ]);
  // A dead-letter queue that is a push queue pushes what arrives, as it would a post.
  if (targetSettings.push) await createDeliveries(sql, targetSettings, target.qid, ids.map((id) => ({ id, visibleAtMs: nowMs })));
  // Both counters change in qid order, so two reserves moving messages both ways cannot deadlock.
  const [first, second] = queue.qid < target.qid ? [queue.qid, target.qid] : [target.qid, queue.qid];
  const changed = new Map<number, QueueRow | undefined>();
  for (const qid of [first, second]) {
    const isSource = qid === queue.qid;
    changed.set(qid, await rows.adjustCounts(sql, isSource ? queue : target, isSource ? -ids.length : ids.length, isSource ? 0 : ids.length));
  }
  return changed.get(target.qid) ?? target;
}

export async function reserveMessages(rows: QueueRows, sql: Sql, queue: QueueRow, request: ReserveRequest, nowMs: number): Promise<ReserveResult> {
  const settings = rows.settingsOf(queue);
  if (settings.type !== 'pull') throw new EngineError('NOT_A_PULL_QUEUE');
  const maxReservations = settings.deadLetter?.maxReservations ?? Infinity;
  const messages: ReservedMessage[] = [];
  const worn: MessageRow[] = [];
  const taken: Array<{ row: MessageRow; reservationId: string; untilMs: number }> = [];
  // Dead-lettered candidates leave the front (they are moved below), so look again for the rest.
  for (let round = 0; messages.length < request.n && round < 100; round += 1) {
    const wanted = request.n - messages.length;
    // Rows this transaction already holds come back from the front again: leave them out.
    const seen = new Set([...worn.map((row) => row.id), ...taken.map((t) => t.row.id)]);
    const candidates = (await availableFront(sql, queue.qid, wanted + seen.size, nowMs, true)).filter((row) => !seen.has(row.id));
    for (const row of candidates.slice(0, wanted)) {
      if (row.reserved_count >= maxReservations) {
        worn.push(row);
        continue;
      }
      const timeoutMs = request.timeoutMs ?? row.timeout_ms ?? settings.messageTimeoutMs;
      const reservationId = newReservationId();
      taken.push({ row, reservationId, untilMs: nowMs + timeoutMs });
      messages.push({ id: String(row.id), body: fromDbText(row.body), reservedCount: row.reserved_count + 1, reservationId, reservedUntilMs: nowMs + timeoutMs, timeoutMs });
    }
    if (candidates.length < wanted || !candidates.slice(0, wanted).some((row) => row.reserved_count >= maxReservations)) break;
  }
  if (request.isDelete && taken.length > 0) {
    await sql.run('DELETE FROM messages WHERE id = ANY($1::bigint[])', [taken.map((t) => t.row.id)]);
  } else if (taken.length > 0) {
    await sql.run(
      `UPDATE messages m SET state = ${STATE_RESERVED}, due_at = t.until_ms, reservation_id = t.reservation_id, reserved_count = m.reserved_count + 1
       FROM unnest($1::bigint[], $2::bigint[], $3::text[]) AS t (id, until_ms, reservation_id) WHERE m.id = t.id`,
      [taken.map((t) => t.row.id), taken.map((t) => t.untilMs), taken.map((t) => t.reservationId)],
    );
  }
  const deadLetterQueue = worn.length > 0 ? rows.toQueue(await deadLetter(rows, sql, queue, worn, nowMs)) : undefined;
  const needsCount = request.isDelete && taken.length > 0;
  const after = needsCount ? await rows.adjustCounts(sql, queue, -taken.length, 0) : worn.length > 0 ? await rows.byQid(sql, queue.qid) : queue;
  return { messages, queue: rows.toQueue(after ?? queue), deadLettered: worn.length, ...(deadLetterQueue ? { deadLetterQueue } : {}) };
}

/** Deletes the messages (all or none), locking each first; returns the queue after. */
export async function deleteMessages(rows: QueueRows, sql: Sql, queue: QueueRow, refs: MessageRef[], nowMs: number): Promise<QueueRow> {
  // Every message of the batch in one locking read, in id order so two batches cannot deadlock.
  const keys = refs.map((ref) => messageKey(ref.id));
  const locked = await sql.rows<MessageRow>(
    'SELECT * FROM messages WHERE id = ANY($1::bigint[]) AND (qid = $2 OR qid = -$2) ORDER BY id FOR UPDATE',
    [keys.filter((key): key is number => key !== undefined), queue.qid],
  );
  const byId = new Map(locked.map((row) => [row.id, row]));
  const found = new Map<number, MessageRow>();
  refs.forEach((ref, i) => {
    const row = keys[i] === undefined ? undefined : byId.get(keys[i]!);
    if (!row || row.expires_at <= nowMs) throw new EngineError('MESSAGE_NOT_FOUND');
    assertDeletable(statusOf(row), ref, nowMs);
    found.set(row.id, row);
  });
  const ids = [...found.keys()];
  if (rows.settingsOf(queue).push) await sql.run('DELETE FROM deliveries WHERE message_id = ANY($1::bigint[])', [ids]);
  const liveCount = [...found.values()].filter((row) => row.qid === queue.qid).length;
  await sql.run('DELETE FROM messages WHERE id = ANY($1::bigint[])', [ids]);
  return (await rows.adjustCounts(sql, queue, -liveCount, 0)) ?? queue;
}

export async function touchMessage(rows: QueueRows, sql: Sql, queue: QueueRow, ref: MessageRef, timeoutMs: number | undefined, nowMs: number): Promise<ReservedMessage> {
  const row = await findLiveMessage(sql, queue.qid, ref.id, nowMs, true);
  assertHeld(statusOf(row), ref, nowMs);
  const lengthMs = timeoutMs ?? row.timeout_ms ?? rows.settingsOf(queue).messageTimeoutMs;
  const reservationId = newReservationId();
  await sql.run(`UPDATE messages SET state = ${STATE_RESERVED}, due_at = $2, reservation_id = $3, reserved_count = reserved_count + 1 WHERE id = $1`, [
    row.id,
    nowMs + lengthMs,
    reservationId,
  ]);
  return { id: String(row.id), body: fromDbText(row.body), reservedCount: row.reserved_count + 1, reservationId, reservedUntilMs: nowMs + lengthMs, timeoutMs: lengthMs };
}

export async function releaseMessage(sql: Sql, queue: QueueRow, ref: MessageRef, delayMs: number, nowMs: number): Promise<void> {
  const row = await findLiveMessage(sql, queue.qid, ref.id, nowMs, true);
  assertHeld(statusOf(row), ref, nowMs);
  await sql.run('UPDATE messages SET state = $2, due_at = $3 WHERE id = $1', [row.id, delayMs > 0 ? STATE_DELAYED : STATE_READY, delayMs > 0 ? nowMs + delayMs : null]);
}

/** A page of every stored message in id order, whatever its state, from after `afterId`. */
export async function browseMessages(sql: Sql, queue: QueueRow, afterId: string | null, limit: number, nowMs: number): Promise<MessagePage> {
  const after = afterId === null ? 0 : Number(afterId) || 0;
  // One extra row tells whether another page follows; each half reads its own index.
  const page = await sql.rows<MessageRow>(
    `(SELECT * FROM messages WHERE qid = $1 AND due_at IS NULL AND id > $2 AND expires_at > $3 ORDER BY id LIMIT $4)
     UNION ALL
     (SELECT * FROM messages WHERE qid = $1 AND due_at IS NOT NULL AND id > $2 AND expires_at > $3 ORDER BY id LIMIT $4)
     ORDER BY id LIMIT $4`,
    [queue.qid, after, nowMs, limit + 1],
  );
  const messages = page.slice(0, limit).map((row) => toDetail(row, nowMs));
  return { messages, nextAfterId: page.length > limit ? messages[messages.length - 1].id : null };
}

/** Counts by state: delayed and reserved from the waiting index, ready as what remains of the size. */
export async function countMessages(sql: Sql, queue: QueueRow, nowMs: number): Promise<QueueCounts> {
  const counts = { ready: 0, delayed: 0, reserved: 0 };
  const waiting = await sql.rows<{ state: number; count: number }>(
    'SELECT state, COUNT(*)::bigint AS count FROM messages WHERE qid = $1 AND due_at IS NOT NULL AND due_at > $2 GROUP BY state',
    [queue.qid, nowMs],
  );
  for (const { state, count } of waiting) {
    if (state === STATE_DELAYED) counts.delayed = count;
    if (state === STATE_RESERVED) counts.reserved = count;
  }
  counts.ready = Math.max(queue.size - counts.delayed - counts.reserved, 0);
  return counts;
}

export async function getMessage(sql: Sql, queue: QueueRow, id: string, nowMs: number): Promise<MessageDetail> {
  return toDetail(await findLiveMessage(sql, queue.qid, id, nowMs), nowMs);
}
