// Post and reserve on a pull queue without a dead-letter policy — the operations a busy queue does
// all day — as one statement each, so each costs one round trip and one COMMIT instead of five.
// They start from a queue row this instance read before and check it inside the statement: the
// queue must still have that message space and exactly those settings. The post's counter update
// comes first and locks the queue row, so a concurrent settings change or clear either happens
// before (the check fails, nothing is written, and the caller takes the general path in one
// transaction) or waits for this statement to commit. A statement is atomic on its own.
import { randomUUID } from 'node:crypto';
import type { ReserveRequest, ReserveResult } from '../store';
import type { NewMessage, QueueSettings, ReservedMessage } from '../types';
import type { Sql } from './database';
import type { QueueRow } from './queue-rows';
import { STATE_DELAYED, STATE_READY, STATE_RESERVED } from './schema';
import { fromDbText, toDbText } from './text-codec';

/** Whether a queue's posts and reserves may take the one-statement path. */
export function isFastPathQueue(settings: QueueSettings): boolean {
  return settings.type === 'pull' && settings.deadLetter === null && settings.push === null;
}

const POST = `
WITH counted AS (
  UPDATE queues SET size = size + $5, total_messages = total_messages + $5
  WHERE project_id = $1 AND name = $2 AND qid = $3 AND settings = $4 RETURNING *
), ids AS (
  -- One id per message, increasing with n: generate_series yields rows in order.
  SELECT nextval('message_ids') AS id, n FROM generate_series(1, $5::int) AS n WHERE EXISTS (SELECT 1 FROM counted)
), added AS (
  INSERT INTO messages (id, qid, body, state, due_at, created_at, expires_at, timeout_ms, push_headers)
  SELECT ids.id, $3, m.body, m.state, m.due_at, $6, m.expires_at, m.timeout_ms, m.push_headers
  FROM ids JOIN unnest($7::text[], $8::smallint[], $9::bigint[], $10::bigint[], $11::bigint[], $12::text[]) WITH ORDINALITY
    AS m (body, state, due_at, expires_at, timeout_ms, push_headers, n) USING (n)
  RETURNING id
)
SELECT counted.*, (SELECT array_agg(id ORDER BY id) FROM added) AS ids FROM counted`;

/** Posts to the queue `known` describes; undefined when it changed since (take the general path). */
export async function fastPost(sql: Sql, known: QueueRow, settings: QueueSettings, messages: NewMessage[], nowMs: number): Promise<{ ids: string[]; after: QueueRow } | undefined> {
  const row = await sql.row<QueueRow & { ids: number[] | null }>(POST, [
    known.project_id,
    known.name,
    known.qid,
    known.settings,
    messages.length,
    nowMs,
    messages.map((m) => (typeof m.body === 'string' ? toDbText(m.body) : m.body)),
    messages.map((m) => (m.delayMs > 0 ? STATE_DELAYED : STATE_READY)),
    messages.map((m) => (m.delayMs > 0 ? nowMs + m.delayMs : null)),
    messages.map((m) => nowMs + (m.expiresInMs ?? settings.messageExpirationMs)),
    messages.map((m) => m.timeoutMs ?? null),
    messages.map((m) => (m.pushHeaders === null ? null : JSON.stringify(m.pushHeaders))),
  ]);
  if (!row) return undefined;
  const { ids, ...after } = row;
  return { ids: (ids ?? []).map(String), after };
}

/** The front of the queue, locked (SKIP LOCKED: what another instance holds is not waited for). */
const FRONT = `
WITH q AS (
  SELECT qid FROM queues WHERE project_id = $1 AND name = $2 AND qid = $3 AND settings = $4
), ready AS (
  SELECT id FROM messages WHERE qid = $3 AND due_at IS NULL AND expires_at > $5 AND EXISTS (SELECT 1 FROM q)
  ORDER BY id LIMIT $6 FOR UPDATE SKIP LOCKED
), due AS (
  SELECT id FROM messages WHERE qid = $3 AND due_at IS NOT NULL AND due_at <= $5 AND expires_at > $5 AND EXISTS (SELECT 1 FROM q)
  ORDER BY id LIMIT $6 FOR UPDATE SKIP LOCKED
), chosen AS (
  SELECT id FROM ready UNION ALL SELECT id FROM due ORDER BY id LIMIT $6
)`;

const RESERVE = `${FRONT}, taken AS (
  UPDATE messages m SET state = ${STATE_RESERVED}, due_at = $5 + COALESCE($7::bigint, m.timeout_ms, $8::bigint),
    reservation_id = c.reservation_id, reserved_count = m.reserved_count + 1
  FROM (SELECT id, ($9::text[])[row_number() OVER (ORDER BY id)] AS reservation_id FROM chosen) c
  WHERE m.id = c.id
  RETURNING m.id, m.body, m.reserved_count, m.reservation_id, m.timeout_ms
)
SELECT EXISTS (SELECT 1 FROM q) AS is_current, (SELECT json_agg(t ORDER BY t.id) FROM taken t) AS taken,
  (SELECT row_to_json(x) FROM queues x WHERE x.qid = $3) AS after`;

const RESERVE_AND_DELETE = `${FRONT}, taken AS (
  DELETE FROM messages m USING chosen WHERE m.id = chosen.id
  RETURNING m.id, m.body, m.reserved_count + 1 AS reserved_count, NULL::text AS reservation_id, m.timeout_ms
), counted AS (
  UPDATE queues SET size = size - (SELECT count(*) FROM taken) WHERE qid = $3 AND EXISTS (SELECT 1 FROM taken) RETURNING *
)
SELECT EXISTS (SELECT 1 FROM q) AS is_current, (SELECT json_agg(t ORDER BY t.id) FROM taken t) AS taken,
  COALESCE((SELECT row_to_json(c) FROM counted c), (SELECT row_to_json(x) FROM queues x WHERE x.qid = $3)) AS after`;

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
    ? await sql.row<{ is_current: boolean; taken: Taken[] | null; after: QueueRow | null }>(RESERVE_AND_DELETE, params)
    : await sql.row<{ is_current: boolean; taken: Taken[] | null; after: QueueRow | null }>(RESERVE, [
        ...params,
        request.timeoutMs ?? null,
        settings.messageTimeoutMs,
        Array.from({ length: request.n }, () => randomUUID().replaceAll('-', '')),
      ]);
  if (!row?.is_current) return undefined;
  const messages = (row.taken ?? []).map((t): ReservedMessage => {
    const timeoutMs = request.timeoutMs ?? t.timeout_ms ?? settings.messageTimeoutMs;
    const reservationId = t.reservation_id ?? randomUUID().replaceAll('-', '');
    return { id: String(t.id), body: fromDbText(t.body), reservedCount: t.reserved_count, reservationId, reservedUntilMs: nowMs + timeoutMs, timeoutMs };
  });
  return { messages, deadLettered: 0, after: row.after ?? known };
}
