// Post and reserve on a pull queue without a dead-letter policy — the operations a busy queue does
// all day — as one statement each, so each costs one round trip and one COMMIT instead of five.
// They start from a queue row this instance read before and check it inside the statement: the
// queue must still have that message space and exactly those settings. A statement that counts
// locks the queue row first (its exact counter update, or FOR KEY SHARE before counting in a
// shard: queue-counts.ts), so a concurrent settings change or clear either happens before (the
// check fails, nothing is written, and the caller takes the general path in one transaction) or
// waits for this statement to commit. A statement is atomic on its own.
import type { ReserveRequest, ReserveResult } from '../store';
import { newReservationId, newReservationIds } from '../reservation-ids';
import type { NewMessage, QueueSettings, ReservedMessage } from '../types';
import type { Sql } from './database';
import type { QueueRow } from './queue-rows';
import { addToShard, countedRow, isCountedExactly } from './queue-counts';
import { STATE_DELAYED, STATE_READY, STATE_RESERVED } from './schema';
import { fromDbText, toDbText } from './text-codec';

/** Whether a queue's posts and reserves may take the one-statement path. */
export function isFastPathQueue(settings: QueueSettings): boolean {
  return settings.type === 'pull' && settings.deadLetter === null && settings.push === null;
}

/**
 * The messages of a post once `counted` has a row ($3 space, $6 now), each with its own state,
 * delay, lifetime, timeout and headers in arrays ($7..$12).
 */
const ADDED = `added AS (
  INSERT INTO messages (id, qid, body, state, due_at, created_at, expires_at, timeout_ms, push_headers)
  -- Ids increase with the messages' order: unnest yields rows in order and nextval runs per row.
  SELECT nextval('message_ids'), $3, m.body, m.state, m.due_at, $6, m.expires_at, m.timeout_ms, m.push_headers
  FROM unnest($7::text[], $8::smallint[], $9::bigint[], $10::bigint[], $11::bigint[], $12::text[])
    AS m (body, state, due_at, expires_at, timeout_ms, push_headers)
  WHERE EXISTS (SELECT 1 FROM counted)
  RETURNING id
)`;

/**
 * The messages of a post whose messages are all plain (ready at once, the queue's lifetime and
 * timeout, no headers): bodies as one JSON array ($8), one lifetime ($7). PostgreSQL parses a JSON
 * array of strings for less than a text array, and the driver sends one string.
 */
const ADDED_PLAIN = `added AS (
  INSERT INTO messages (id, qid, body, state, due_at, created_at, expires_at, timeout_ms, push_headers)
  SELECT nextval('message_ids'), $3, b, ${STATE_READY}, NULL, $6, $7, NULL, NULL FROM json_array_elements_text($8::json) AS b
  WHERE EXISTS (SELECT 1 FROM counted)
  RETURNING id
)`;

/** The new ids, as one comma-separated string: cheaper to read than a bigint[]. */
const IDS = `(SELECT string_agg(id::text, ',' ORDER BY id) FROM added) AS ids`;

/** A post to a queue with alerts: its row counts, locked first (queue-counts.ts). */
const postExactly = (added: string) => `
WITH counted AS (
  UPDATE queues SET size = size + $5, total_messages = total_messages + $5
  WHERE project_id = $1 AND name = $2 AND qid = $3 AND settings = $4 RETURNING *
), ${added}
SELECT counted.*, ${IDS} FROM counted`;

/** A post to any other queue: its row locked FOR KEY SHARE, this connection's shard counts. */
const postSharded = (added: string) => `
WITH q AS (
  SELECT * FROM queues WHERE project_id = $1 AND name = $2 AND qid = $3 AND settings = $4 FOR KEY SHARE
), counted AS (
  ${addToShard('q', '$5::bigint', '$5::bigint')}
), ${added}
SELECT after.*, ${IDS} FROM (${countedRow('q', '$5', '$5')}) after WHERE EXISTS (SELECT 1 FROM counted)`;

const POST = { exactly: postExactly(ADDED), sharded: postSharded(ADDED) };
const POST_PLAIN = { exactly: postExactly(ADDED_PLAIN), sharded: postSharded(ADDED_PLAIN) };

/**
 * Whether every message is plain (see ADDED_PLAIN). A body with a lone surrogate is not: JSON
 * would carry it, PostgreSQL's JSON parser refuses it.
 */
function isPlainPost(messages: NewMessage[]): boolean {
  return messages.every((m) => m.delayMs === 0 && m.timeoutMs === undefined && m.expiresInMs === undefined && m.pushHeaders === null && m.body.isWellFormed());
}

/** Posts to the queue `known` describes; undefined when it changed since (take the general path). */
export async function fastPost(sql: Sql, known: QueueRow, settings: QueueSettings, messages: NewMessage[], nowMs: number): Promise<{ ids: string[]; after: QueueRow } | undefined> {
  const counting = isCountedExactly(settings) ? 'exactly' : 'sharded';
  const queue = [known.project_id, known.name, known.qid, known.settings, messages.length, nowMs];
  const row = isPlainPost(messages)
    ? await sql.row<QueueRow & { ids: string | null }>(POST_PLAIN[counting], [
        ...queue,
        nowMs + settings.messageExpirationMs,
        JSON.stringify(messages.map((m) => toDbText(m.body))),
      ])
    : await sql.row<QueueRow & { ids: string | null }>(POST[counting], [
        ...queue,
        messages.map((m) => toDbText(m.body)),
        messages.map((m) => (m.delayMs > 0 ? STATE_DELAYED : STATE_READY)),
        messages.map((m) => (m.delayMs > 0 ? nowMs + m.delayMs : null)),
        messages.map((m) => nowMs + (m.expiresInMs ?? settings.messageExpirationMs)),
        messages.map((m) => m.timeoutMs ?? null),
        messages.map((m) => (m.pushHeaders === null ? null : JSON.stringify(m.pushHeaders))),
      ]);
  if (!row) return undefined;
  const { ids, ...after } = row;
  return { ids: ids ? ids.split(',') : [], after };
}

/**
 * The front of the queue, locked (SKIP LOCKED: what another instance holds is not waited for).
 * `lock` locks the queue row, for a statement that counts in its shards (queue-counts.ts).
 */
const front = (lock: string) => `
WITH q AS (
  SELECT * FROM queues WHERE project_id = $1 AND name = $2 AND qid = $3 AND settings = $4 ${lock}
), ready AS (
  SELECT id FROM messages WHERE qid = $3 AND due_at IS NULL AND expires_at > $5 AND EXISTS (SELECT 1 FROM q)
  ORDER BY id LIMIT $6 FOR UPDATE SKIP LOCKED
), due AS (
  SELECT id FROM messages WHERE qid = $3 AND due_at IS NOT NULL AND due_at <= $5 AND expires_at > $5 AND EXISTS (SELECT 1 FROM q)
  ORDER BY id LIMIT $6 FOR UPDATE SKIP LOCKED
), chosen AS (
  SELECT id FROM ready UNION ALL SELECT id FROM due ORDER BY id LIMIT $6
)`;

const RESERVE = `${front('')}, taken AS (
  UPDATE messages m SET state = ${STATE_RESERVED}, due_at = $5 + COALESCE($7::bigint, m.timeout_ms, $8::bigint),
    reservation_id = c.reservation_id, reserved_count = m.reserved_count + 1
  FROM (SELECT id, ($9::text[])[row_number() OVER (ORDER BY id)] AS reservation_id FROM chosen) c
  WHERE m.id = c.id
  RETURNING m.id, m.body, m.reserved_count, m.reservation_id, m.timeout_ms
)
SELECT EXISTS (SELECT 1 FROM q) AS is_current, (SELECT json_agg(t ORDER BY t.id) FROM taken t) AS taken,
  (SELECT row_to_json(x) FROM counted_queues x WHERE x.qid = $3) AS after`;

const TAKE = `taken AS (
  DELETE FROM messages m USING chosen WHERE m.id = chosen.id
  RETURNING m.id, m.body, m.reserved_count + 1 AS reserved_count, NULL::text AS reservation_id, m.timeout_ms
)`;

const RESERVE_AND_DELETE_EXACTLY = `${front('')}, ${TAKE}, counted AS (
  UPDATE queues SET size = size - (SELECT count(*) FROM taken) WHERE qid = $3 AND EXISTS (SELECT 1 FROM taken) RETURNING *
)
SELECT EXISTS (SELECT 1 FROM q) AS is_current, (SELECT json_agg(t ORDER BY t.id) FROM taken t) AS taken,
  COALESCE((SELECT row_to_json(c) FROM counted c), (SELECT row_to_json(x) FROM queues x WHERE x.qid = $3)) AS after`;

const RESERVE_AND_DELETE_SHARDED = `${front('FOR KEY SHARE')}, ${TAKE}, gone AS (
  SELECT -count(*) AS size FROM taken
), counted AS (
  ${addToShard('q', '(SELECT size FROM gone)', '0', 'EXISTS (SELECT 1 FROM taken)')}
)
SELECT EXISTS (SELECT 1 FROM q) AS is_current, (SELECT json_agg(t ORDER BY t.id) FROM taken t) AS taken,
  (SELECT row_to_json(after) FROM (${countedRow('q', '(SELECT size FROM gone)', '0')}) after) AS after`;

interface Taken {
  id: number;
  body: string;
  reserved_count: number;
  reservation_id: string | null;
  timeout_ms: number | null;
}

/** Reserves (or, with isDelete, takes) up to n messages; undefined when the queue changed since `known` was read. */
export async function fastReserve(sql: Sql, known: QueueRow, settings: QueueSettings, request: ReserveRequest, nowMs: number): Promise<(Omit<ReserveResult, 'queue'> & { after: QueueRow }) | undefined> {
  const params = [known.project_id, known.name, known.qid, known.settings, nowMs, request.n];
  const row = request.isDelete
    ? await sql.row<{ is_current: boolean; taken: Taken[] | null; after: QueueRow | null }>(isCountedExactly(settings) ? RESERVE_AND_DELETE_EXACTLY : RESERVE_AND_DELETE_SHARDED, params)
    : await sql.row<{ is_current: boolean; taken: Taken[] | null; after: QueueRow | null }>(RESERVE, [
        ...params,
        request.timeoutMs ?? null,
        settings.messageTimeoutMs,
        newReservationIds(request.n),
      ]);
  if (!row?.is_current) return undefined;
  const messages = (row.taken ?? []).map((t): ReservedMessage => {
    const timeoutMs = request.timeoutMs ?? t.timeout_ms ?? settings.messageTimeoutMs;
    const reservationId = t.reservation_id ?? newReservationId();
    return { id: String(t.id), body: fromDbText(t.body), reservedCount: t.reserved_count, reservationId, reservedUntilMs: nowMs + timeoutMs, timeoutMs };
  });
  return { messages, deadLettered: 0, after: row.after ?? known };
}
