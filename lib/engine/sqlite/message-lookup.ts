// How the SQLite store finds a message by id wherever it is kept: a row, a ready chunk, a held span.
import { EngineError } from '../errors';
import { messageKey } from '../stored-rows';
import type { QueueRows } from './queue-rows';
import type { MessageRow, QueueRow } from './statements';

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
