// Reads of the PostgreSQL store that change nothing: §3.11's push statuses, the HUD's delivery
// log, the newest messages of a queue, and the queues naming a queue as their dead-letter or error
// queue — the same answers as lib/engine/sqlite/inspection-ops.ts, each from an index.
import type { DeliveryPage, DeliveryQuery } from '../delivery-log';
import { MAX_DELIVERIES_PER_PAGE } from '../limits';
import { toDeliveryRecord, toPushStatus } from '../stored-rows';
import type { MessageDetail, PushSettings, PushStatus, QueueSource } from '../types';
import type { Sql } from './database';
import { deliveriesOf, deliveryRows } from './delivery-rows';
import { findLiveMessage, toDetail, type MessageRow } from './message-rows';
import type { QueueRow, QueueRows } from './queue-rows';
import { toDbText } from './text-codec';

export async function pushStatuses(sql: Sql, push: PushSettings | null, messageId: number): Promise<PushStatus[]> {
  return (await deliveriesOf(sql, messageId)).map((d) => toPushStatus(d, push));
}

/** A page of the queue's delivery log, in the order message_id DESC, subscriber DESC. */
export async function listDeliveries(rows: QueueRows, sql: Sql, queue: QueueRow, query: DeliveryQuery, nowMs: number): Promise<DeliveryPage> {
  const push = rows.settingsOf(queue).push;
  if (query.messageId !== undefined) {
    const message = await findLiveMessage(sql, queue.qid, query.messageId, nowMs);
    const all = (await deliveriesOf(sql, message.id)).map((d) => toDeliveryRecord(d, push));
    const matching = all.filter((d) => (query.subscriberName ?? d.subscriberName) === d.subscriberName && (query.status ?? d.status) === d.status);
    return { deliveries: matching, next: null };
  }
  const limit = Math.min(Math.max(Math.floor(query.limit), 1), MAX_DELIVERIES_PER_PAGE);
  const found = await deliveryRows(
    sql,
    // The range on message_id keeps the scan on the (qid, [status,] message_id) index.
    `SELECT * FROM deliveries
     WHERE qid = $1 AND ($2::text IS NULL OR status = $2)
       AND message_id <= $3 AND NOT (message_id = $3 AND subscriber >= $4)
       AND ($5::text IS NULL OR subscriber = $5)
     ORDER BY message_id DESC, subscriber DESC LIMIT $6`,
    [
      queue.qid,
      query.status ?? null,
      query.after ? Number(query.after.messageId) : Number.MAX_SAFE_INTEGER,
      toDbText(query.after?.subscriberName ?? ''),
      query.subscriberName === undefined ? null : toDbText(query.subscriberName),
      limit + 1,
    ],
  );
  const deliveries = found.slice(0, limit).map((d) => toDeliveryRecord(d, push));
  const last = deliveries.at(-1);
  const next = found.length > limit && last ? { messageId: last.messageId, subscriberName: last.subscriberName } : null;
  return { deliveries, next };
}

/** The newest `limit` messages in any state, newest first. */
export async function latestMessages(sql: Sql, queue: QueueRow, limit: number, nowMs: number): Promise<MessageDetail[]> {
  const rows = await sql.rows<MessageRow>(
    `(SELECT * FROM messages WHERE qid = $1 AND due_at IS NULL AND expires_at > $2 ORDER BY id DESC LIMIT $3)
     UNION ALL
     (SELECT * FROM messages WHERE qid = $1 AND due_at IS NOT NULL AND expires_at > $2 ORDER BY id DESC LIMIT $3)
     ORDER BY id DESC LIMIT $3`,
    [queue.qid, nowMs, limit],
  );
  return rows.map((row) => toDetail(row, nowMs));
}

export async function findQueueSources(sql: Sql, projectId: string, targets: string[]): Promise<QueueSource[]> {
  // An empty error_queue means "none" (§2.2), never a queue named "".
  const names = targets.filter((target) => target !== '');
  if (names.length === 0) return [];
  const found = await sql.rows<{ name: string; dead_letter: string | null; error_queue: string | null }>(
    `SELECT name, (settings::jsonb) #>> '{deadLetter,queueName}' AS dead_letter, (settings::jsonb) #>> '{push,errorQueue}' AS error_queue
     FROM queues WHERE project_id = $1
       AND ((settings::jsonb) #>> '{deadLetter,queueName}' = ANY($2::text[]) OR (settings::jsonb) #>> '{push,errorQueue}' = ANY($2::text[]))`,
    [projectId, names],
  );
  const sources: QueueSource[] = [];
  for (const row of found) {
    if (row.dead_letter !== null && names.includes(row.dead_letter)) sources.push({ sourceQueue: row.name, target: row.dead_letter, kind: 'deadLetter' });
  }
  for (const row of found) {
    if (row.error_queue !== null && names.includes(row.error_queue)) sources.push({ sourceQueue: row.name, target: row.error_queue, kind: 'errorQueue' });
  }
  return sources;
}
