// The acknowledgement every consumer sends after a reserve — delete these messages, each held by
// the reservation named with it — as one statement instead of a five-round-trip transaction, for
// a pull queue this instance read before (as fast-paths.ts does for posts and reserves). The
// statement locks the named messages in id order, judges them all, and deletes them only when
// every one is held by its reservation; otherwise it deletes nothing and the caller takes the
// general path, which says what is wrong with the batch (not found, reservation mismatch).
import type { MessageRef, QueueSettings } from '../types';
import type { Sql } from './database';
import { messageKey } from './message-rows';
import { addToShard, countedRow, isCountedExactly } from './queue-counts';
import type { QueueRow } from './queue-rows';
import { STATE_RESERVED } from './schema';

/** The judgement and the delete, once `q` names the queue ($3 space, $5 ids, $6 reservations, $7 now). */
const JUDGED = `refs AS (
  SELECT * FROM unnest($5::bigint[], $6::text[]) AS r (id, reservation_id)
), held AS (
  -- Locked in id order, so two batches cannot deadlock; a row changed meanwhile is judged as it is now.
  SELECT m.id, (m.state = ${STATE_RESERVED} AND m.reservation_id = r.reservation_id AND m.due_at > $7 AND m.expires_at > $7) AS is_held
  FROM refs r JOIN messages m ON m.id = r.id
  WHERE m.qid = $3 AND EXISTS (SELECT 1 FROM q)
  ORDER BY m.id FOR UPDATE OF m
), gone AS (
  DELETE FROM messages m USING held h
  WHERE m.id = h.id AND (SELECT count(*) FILTER (WHERE is_held) FROM held) = cardinality($5::bigint[])
  RETURNING m.id
)`;

const DELETE_EXACTLY = `WITH q AS (
  SELECT * FROM queues WHERE project_id = $1 AND name = $2 AND qid = $3 AND settings = $4
), ${JUDGED}, counted AS (
  UPDATE queues SET size = size - (SELECT count(*) FROM gone) WHERE qid = $3 AND EXISTS (SELECT 1 FROM gone) RETURNING *
)
SELECT (SELECT count(*) FROM gone)::int AS deleted, (SELECT row_to_json(c) FROM counted c) AS after`;

const DELETE_SHARDED = `WITH q AS (
  SELECT * FROM queues WHERE project_id = $1 AND name = $2 AND qid = $3 AND settings = $4 FOR KEY SHARE
), ${JUDGED}, counted AS (
  ${addToShard('q', '-(SELECT count(*) FROM gone)', '0', 'EXISTS (SELECT 1 FROM gone)')}
)
SELECT (SELECT count(*) FROM gone)::int AS deleted,
  (SELECT row_to_json(after) FROM (${countedRow('q', '-(SELECT count(*) FROM gone)', '0')}) after) AS after`;

/**
 * The batch's message keys when it is the common acknowledgement this path handles: every message
 * named once, by a well-formed id, with its reservation id; undefined otherwise.
 */
export function heldBatchKeys(refs: MessageRef[]): number[] | undefined {
  const keys: number[] = [];
  for (const ref of refs) {
    const key = messageKey(ref.id);
    if (key === undefined || ref.reservationId === undefined || ref.isReservationIgnored) return undefined;
    keys.push(key);
  }
  return new Set(keys).size === keys.length ? keys : undefined;
}

/** Whether a queue's deletes may take this path: a pull queue (a push queue's deletes end deliveries). */
export function isFastDeleteQueue(settings: QueueSettings): boolean {
  return settings.push === null;
}

/**
 * Deletes the batch (keys from heldBatchKeys) from the queue `known` describes and returns the
 * queue after; undefined, having deleted nothing, when the queue changed since or any message is
 * not held by its reservation.
 */
export async function fastDelete(sql: Sql, known: QueueRow, settings: QueueSettings, keys: number[], refs: MessageRef[], nowMs: number): Promise<QueueRow | undefined> {
  const row = await sql.row<{ deleted: number; after: QueueRow | null }>(isCountedExactly(settings) ? DELETE_EXACTLY : DELETE_SHARDED, [
    known.project_id,
    known.name,
    known.qid,
    known.settings,
    keys,
    refs.map((ref) => ref.reservationId),
    nowMs,
  ]);
  return row && row.deleted === keys.length && row.after ? row.after : undefined;
}
