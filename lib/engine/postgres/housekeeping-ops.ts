// Housekeeping and monitoring in the PostgreSQL store: clear and delete (a queue moves to a fresh
// message space at once; the sweeper purges the old one later), the sweep, and the figures
// monitoring reads. The sweep is work to do once across instances: one instance at a time holds
// its advisory lock, and the others' rounds find it taken and do nothing.
import type { QueueRef, QueueStats, QueueStatsSnapshot, SweepResult } from '../store';
import type { Sql } from './database';
import { availableFront } from './message-rows';
import { countMessages } from './message-ops';
import { foldCounts } from './queue-counts';
import type { QueueRow, QueueRows } from './queue-rows';

/** Abandons a message space (and its delivered twin, -qid) to the sweeper, and its counters. */
async function abandonSpace(sql: Sql, qid: number): Promise<void> {
  await sql.run('INSERT INTO abandoned_spaces (qid) VALUES ($1), ($2) ON CONFLICT DO NOTHING', [qid, -qid]);
  await sql.run('DELETE FROM queue_counts WHERE qid = $1', [qid]);
}

/** Removes the queue row at once, locked so no change to it is in flight; its messages go later. */
export async function deleteQueue(sql: Sql, projectId: string, name: string): Promise<boolean> {
  const row = await sql.row<{ qid: number }>('DELETE FROM queues WHERE project_id = $1 AND name = $2 RETURNING qid', [projectId, name]);
  if (!row) return false;
  await abandonSpace(sql, row.qid);
  return true;
}

export async function deleteQueues(sql: Sql, projectId: string): Promise<number> {
  const deleted = await sql.rows<{ qid: number }>('DELETE FROM queues WHERE project_id = $1 RETURNING qid', [projectId]);
  for (const { qid } of deleted) await abandonSpace(sql, qid);
  return deleted.length;
}

/**
 * Moves the queue, locked FOR UPDATE by the caller, to a fresh message space; returns how many
 * messages it held and the queue after.
 */
export async function clearMessages(sql: Sql, locked: QueueRow): Promise<{ removed: number; after: QueueRow }> {
  const queue = await foldCounts(sql, locked.qid);
  const after = (await sql.row<QueueRow>("UPDATE queues SET qid = nextval('queue_spaces'), size = 0 WHERE qid = $1 RETURNING *", [queue.qid]))!;
  await abandonSpace(sql, queue.qid);
  return { removed: queue.size, after };
}

/** The key of the sweeper's advisory lock: one per schema. */
const SWEEP_LOCK = "hashtext('ferro:sweep:' || current_schema())";

export async function sweep(rows: QueueRows, sql: Sql, nowMs: number, limit: number): Promise<SweepResult> {
  const isMine = await sql.row<{ ok: boolean }>(`SELECT pg_try_advisory_xact_lock(${SWEEP_LOCK}) AS ok`);
  if (!isMine?.ok) return { removed: 0, expired: [] };
  // SKIP LOCKED: a message some transaction is deciding about right now waits for the next round.
  const expired = await sql.rows<{ id: number; qid: number }>(
    `DELETE FROM messages WHERE id IN (SELECT id FROM messages WHERE expires_at <= $1 LIMIT $2 FOR UPDATE SKIP LOCKED) RETURNING id, qid`,
    [nowMs, limit],
  );
  if (expired.length > 0) await sql.run('DELETE FROM deliveries WHERE message_id = ANY($1::bigint[])', [expired.map((row) => row.id)]);
  const removedBySpace = new Map<number, number>();
  for (const { qid } of expired) removedBySpace.set(qid, (removedBySpace.get(qid) ?? 0) + 1);
  const expiredQueues: Array<QueueRef & { count: number; queue: ReturnType<QueueRows['toQueue']> }> = [];
  for (const [qid, count] of [...removedBySpace].sort((a, b) => a[0] - b[0])) {
    // Spaces left by clear or delete have no queue any more: their loss is nobody's size change.
    const before = await rows.byQid(sql, qid);
    const queue = before && (await rows.adjustCounts(sql, before, -count, 0));
    if (queue) expiredQueues.push({ projectId: queue.project_id, queueName: queue.name, count, queue: rows.toQueue(queue) });
  }
  return { removed: expired.length + (await purgeAbandoned(sql, limit)), expired: expiredQueues };
}

/** Deletes up to `limit` messages of one abandoned message space; forgets it once empty. */
async function purgeAbandoned(sql: Sql, limit: number): Promise<number> {
  const space = await sql.row<{ qid: number }>('SELECT qid FROM abandoned_spaces LIMIT 1');
  if (!space) return 0;
  const purged = await sql.rows<{ id: number }>(
    `WITH doomed AS (
       (SELECT id FROM messages WHERE qid = $1 AND due_at IS NULL LIMIT $2)
       UNION ALL
       (SELECT id FROM messages WHERE qid = $1 AND due_at IS NOT NULL LIMIT $2)
     )
     DELETE FROM messages WHERE id IN (SELECT id FROM doomed) RETURNING id`,
    [space.qid, limit],
  );
  if (purged.length > 0) await sql.run('DELETE FROM deliveries WHERE message_id = ANY($1::bigint[])', [purged.map((row) => row.id)]);
  if (purged.length < limit) await sql.run('DELETE FROM abandoned_spaces WHERE qid = $1', [space.qid]);
  return purged.length;
}

/** Messages of the queue expired by nowMs that the sweeper has not removed yet. */
export async function expiredUnswept(sql: Sql, qid: number, nowMs: number): Promise<number> {
  const row = await sql.row<{ count: number }>('SELECT COUNT(*)::bigint AS count FROM messages WHERE expires_at <= $1 AND qid = $2', [nowMs, qid]);
  return row?.count ?? 0;
}

export async function nextDueAtMs(sql: Sql, qid: number, nowMs: number): Promise<number | undefined> {
  const row = await sql.row<{ due_at: number | null }>('SELECT MIN(due_at) AS due_at FROM messages WHERE qid = $1 AND due_at > $2', [qid, nowMs]);
  return row?.due_at ?? undefined;
}

/**
 * Every queue counted (as counted_queues), for reads over all queues at once: the shards summed
 * in one pass and joined, instead of counted_queues' lookup per queue (100 ms at 10,000 queues).
 */
const ALL_COUNTED_QUEUES = `WITH sharded AS (
  SELECT qid, SUM(size)::bigint AS size, SUM(total_messages)::bigint AS total_messages FROM queue_counts GROUP BY qid
), all_counted AS (
  SELECT q.project_id, q.name, q.qid, q.id, q.settings, q.size + COALESCE(s.size, 0) AS size,
    q.total_messages + COALESCE(s.total_messages, 0) AS total_messages, q.created_at
  FROM queues q LEFT JOIN sharded s ON s.qid = q.qid
)`;

export async function queueStats(rows: QueueRows, sql: Sql, limit: number, nowMs: number): Promise<QueueStatsSnapshot> {
  const largest = await sql.rows<QueueRow>(`${ALL_COUNTED_QUEUES} SELECT * FROM all_counted ORDER BY size DESC, project_id, name LIMIT $1`, [limit]);
  const stats: QueueStats[] = [];
  for (const queue of largest) {
    const counts = await countMessages(sql, queue, nowMs);
    const [front] = await availableFront(sql, queue.qid, 1, nowMs);
    stats.push({
      projectId: queue.project_id,
      name: queue.name,
      size: queue.size,
      totalMessages: queue.total_messages,
      reserved: counts.reserved,
      delayed: counts.delayed,
      oldestReadyAtMs: front?.created_at ?? null,
    });
  }
  const all = await sql.row<{ queues: number; size: number; totalMessages: number }>(
    `${ALL_COUNTED_QUEUES} SELECT COUNT(*)::bigint AS queues, COALESCE(SUM(size), 0)::bigint AS size, COALESCE(SUM(total_messages), 0)::bigint AS "totalMessages" FROM all_counted`,
  );
  return { largest: stats, all: all! };
}

/** A real, durable write that changes nothing anyone reads: the readiness check. */
export async function ping(sql: Sql): Promise<void> {
  await sql.run('UPDATE heartbeat SET at = now() WHERE id = 1');
}
