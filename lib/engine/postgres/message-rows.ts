// Message rows of the PostgreSQL store: their shape, their translation to the engine's types,
// and the reads every operation shares (one message by id, the front of a queue). Locking reads
// take FOR UPDATE, so two transactions deciding about one message decide one after the other.
import { EngineError } from '../errors';
import type { MessageDetail } from '../types';
import { messageKey, toMessageDetail, type MessageRow } from '../stored-rows';
import type { Sql } from './database';
import { fromDbText } from './text-codec';

export { messageKey, statusOf } from '../stored-rows';
export type { MessageRow } from '../stored-rows';

/** The row as the engine's MessageDetail, its body decoded from PostgreSQL's text (text-codec.ts). */
export function toDetail(row: MessageRow, nowMs: number): MessageDetail {
  return toMessageDetail(row, nowMs, fromDbText(row.body));
}

/**
 * The message of the queue (space qid), or a push message of it whose deliveries ended (space
 * -qid); with `isLocked`, locked for the rest of the transaction. Throws MESSAGE_NOT_FOUND.
 */
export async function findLiveMessage(sql: Sql, qid: number, id: string, nowMs: number, isLocked = false): Promise<MessageRow> {
  const key = messageKey(id);
  const row =
    key === undefined
      ? undefined
      : await sql.row<MessageRow>(
          `SELECT * FROM messages WHERE id = $1 AND (qid = $2 OR qid = -$2)${isLocked ? ' FOR UPDATE' : ''}`,
          [key, qid],
        );
  if (!row || row.expires_at <= nowMs) throw new EngineError('MESSAGE_NOT_FOUND');
  return row;
}

/**
 * The first `limit` available messages in queue order: ready ones merged with those now due, as
 * two index reads in one statement. With `isLocked` each read skips rows another transaction
 * holds (FOR UPDATE SKIP LOCKED), so concurrent reserves on any instance take different messages.
 */
export async function availableFront(sql: Sql, qid: number, limit: number, nowMs: number, isLocked = false): Promise<MessageRow[]> {
  const lock = isLocked ? 'FOR UPDATE SKIP LOCKED' : '';
  const rows = await sql.rows<MessageRow>(
    `WITH ready AS (
       SELECT * FROM messages WHERE qid = $1 AND due_at IS NULL AND expires_at > $2 ORDER BY id LIMIT $3 ${lock}
     ), due AS (
       SELECT * FROM messages WHERE qid = $1 AND due_at IS NOT NULL AND due_at <= $2 AND expires_at > $2 ORDER BY id LIMIT $3 ${lock}
     )
     SELECT * FROM ready UNION ALL SELECT * FROM due`,
    [qid, nowMs, limit],
  );
  return rows.sort((a, b) => a.id - b.id).slice(0, limit);
}
