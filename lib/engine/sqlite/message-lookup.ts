// How the SQLite store finds a message by id wherever it is kept (a row, a ready chunk, a held
// span) and shows it: the stored row as the engine's MessageDetail and MessageStatus.
import { EngineError } from '../errors';
import { currentState, type MessageStatus } from '../messages';
import type { MessageDetail, MessageState } from '../types';
import type { QueueRows } from './queue-rows';
import type { MessageRow, QueueRow } from './statements';

const STATE_NAMES: MessageState[] = ['ready', 'delayed', 'reserved'];

export function statusOf(row: MessageRow): MessageStatus {
  return {
    state: STATE_NAMES[row.state],
    dueAtMs: row.due_at,
    reservationId: row.reservation_id,
    reservedCount: row.reserved_count,
  };
}

export function toDetail(row: MessageRow, nowMs: number): MessageDetail {
  const state = currentState(statusOf(row), nowMs);
  return {
    id: String(row.id),
    body: row.body,
    reservedCount: row.reserved_count,
    state,
    createdAtMs: row.created_at,
    dueAtMs: state === 'ready' ? null : row.due_at,
    expiresAtMs: row.expires_at,
    pushHeaders: row.push_headers === null ? null : (JSON.parse(row.push_headers) as Record<string, string>),
    timeoutMs: row.timeout_ms,
    isDelivered: row.qid < 0,
  };
}

/** Parses a message id; anything that is not a positive integer cannot name a message. */
export function messageKey(id: string): number | undefined {
  if (!/^[1-9][0-9]{0,15}$/.test(id)) return undefined;
  return Number(id);
}

/** A message of the queue, including a push message whose deliveries ended (space -qid). */
export function findLiveMessage(rows: QueueRows, queue: QueueRow, id: string, nowMs: number): MessageRow {
  const key = messageKey(id);
  const row =
    key === undefined
      ? undefined
      : ((rows.sql.messageById.get(key, queue.qid) ??
          rows.chunks.find(queue.qid, key, nowMs) ??
          rows.held.find(queue.qid, key, nowMs) ??
          rows.sql.messageById.get(key, -queue.qid)) as MessageRow | undefined);
  if (!row || row.expires_at <= nowMs) throw new EngineError('MESSAGE_NOT_FOUND');
  return row;
}

/** findLiveMessage for a change to the message: one held in a span gets its row first (held-spans.ts). */
export function findChangeable(rows: QueueRows, queue: QueueRow, id: string, nowMs: number): MessageRow {
  const key = messageKey(id);
  if (key !== undefined) rows.held.ensureRow(queue.qid, key);
  return findLiveMessage(rows, queue, id, nowMs);
}
