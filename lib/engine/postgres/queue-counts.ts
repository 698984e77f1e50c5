// How the PostgreSQL store counts a queue's size and total. A row lock is held until COMMIT, so a
// counter every post and delete of a queue updates makes that queue's writes commit one at a time,
// each waiting for the previous one's WAL flush. Only queues with alerts need that: the alert
// monitor judges each change from its own before and after (lib/alerts/monitor.ts). So:
// - a queue with alerts counts exactly, on its row in `queues`;
// - any other queue counts in `queue_counts`, one row per writing connection (a shard), so writers
//   on different connections never wait for each other; readers add the shards up (the
//   `counted_queues` view).
// A sharded change locks the queue row FOR KEY SHARE under the settings its caller read, which
// settings changes, clears and deletes (FOR UPDATE) wait for; those fold the shards back into the
// row first. So a queue with alerts never has shards, and its row alone is its exact size.
import type { QueueSettings } from '../types';
import { RetryTransaction, type Sql } from './database';
import type { QueueRow } from './queue-rows';

/** Shards per queue at most; a connection writes the shard of its backend's process id. */
const SHARDS = 64;

/** Whether the queue's counters change one at a time on its row (see above). */
export function isCountedExactly(settings: QueueSettings): boolean {
  return settings.alerts.length > 0;
}

/**
 * An INSERT … ON CONFLICT adding `size` and `total` (SQL expressions) to this connection's shard
 * of the queue in the one-row relation `queue` (locked FOR KEY SHARE by the caller's statement)
 * when `condition` holds. Returns the qid when it counted; no row when `queue` is empty.
 */
export function addToShard(queue: string, size: string, total: string, condition = 'true'): string {
  return `INSERT INTO queue_counts (qid, shard, size, total_messages)
  SELECT qid, pg_backend_pid() % ${SHARDS}, ${size}, ${total} FROM ${queue} WHERE ${condition}
  ON CONFLICT (qid, shard) DO UPDATE
    SET size = queue_counts.size + EXCLUDED.size, total_messages = queue_counts.total_messages + EXCLUDED.total_messages
  RETURNING qid`;
}

/**
 * A SELECT of the queue row in `queue` as it is counted once this statement's own shard change of
 * `size` and `total` lands: a statement does not see its own changes, so they are added here.
 */
export function countedRow(queue: string, size: string, total: string): string {
  return `SELECT r.project_id, r.name, r.qid, r.id, r.settings, r.created_at,
    r.size + s.size + ${size} AS size, r.total_messages + s.total_messages + ${total} AS total_messages
  FROM ${queue} r CROSS JOIN LATERAL (
    SELECT COALESCE(SUM(size), 0)::bigint AS size, COALESCE(SUM(total_messages), 0)::bigint AS total_messages FROM queue_counts c WHERE c.qid = r.qid
  ) s`;
}

const ADD_EXACTLY = `UPDATE queues SET size = size + $3, total_messages = total_messages + $4
  WHERE qid = $1 AND settings = $2 RETURNING *`;

const ADD_SHARDED = `WITH q AS (
  SELECT * FROM queues WHERE qid = $1 AND settings = $2 FOR KEY SHARE
), counted AS (
  ${addToShard('q', '$3::bigint', '$4::bigint')}
)
${countedRow('q', '$3', '$4')} WHERE EXISTS (SELECT 1 FROM counted)`;

/**
 * Adds to the counters of `queue` and returns the queue after, under the settings the caller
 * read: when they changed since, the transaction runs again. Undefined when no queue reads that
 * message space any more (it was cleared or deleted).
 */
export async function adjustCounts(sql: Sql, queue: QueueRow, settings: QueueSettings, sizeDelta: number, totalDelta: number): Promise<QueueRow | undefined> {
  const after = await sql.row<QueueRow>(isCountedExactly(settings) ? ADD_EXACTLY : ADD_SHARDED, [queue.qid, queue.settings, sizeDelta, totalDelta]);
  if (after) return after;
  const current = await sql.row<{ qid: number }>('SELECT qid FROM queues WHERE qid = $1', [queue.qid]);
  if (current) throw new RetryTransaction('the queue\'s settings changed while its counters were adjusted');
  return undefined;
}

/**
 * Folds the queue's shards into its row, which the caller holds FOR UPDATE (so no sharded change
 * is in flight), and returns the exact row after.
 */
export async function foldCounts(sql: Sql, qid: number): Promise<QueueRow> {
  const row = await sql.row<QueueRow>(
    `WITH folded AS (DELETE FROM queue_counts WHERE qid = $1 RETURNING size, total_messages)
     UPDATE queues SET size = size + (SELECT COALESCE(SUM(size), 0) FROM folded),
       total_messages = total_messages + (SELECT COALESCE(SUM(total_messages), 0) FROM folded)
     WHERE qid = $1 RETURNING *`,
    [qid],
  );
  return row!;
}
