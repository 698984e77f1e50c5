// The sweeper's half of the SQLite store: removing expired messages and, a bounded slice at a time,
// the message spaces that cleared or deleted queues left behind. Runs inside one group-commit write.
import type { SweepResult } from '../store';
import { leavingCounts, type QueueRows } from './queue-rows';
import type { QueueRow } from './statements';

export function sweep(rows: QueueRows, nowMs: number, limit: number): SweepResult {
  const sql = rows.sql;
  const expired = sql.expiredMessages.all(nowMs, limit) as Array<{ id: number; qid: number; state: number }>;
  // The states of the removed messages, by message space.
  const removedBySpace = new Map<number, number[]>();
  for (const { id, qid, state } of expired) {
    sql.deleteMessage.run(id);
    sql.deleteDeliveries.run(id);
    const states = removedBySpace.get(qid) ?? [];
    states.push(state);
    removedBySpace.set(qid, states);
  }
  // Chunks hold only ready messages: what they lose is size alone. Spans hold reserved ones.
  const fromChunks = rows.chunks.sweep(nowMs, limit);
  const fromSpans = rows.held.sweep(nowMs, limit);
  for (const qid of [...fromChunks.keys(), ...fromSpans.keys()]) if (!removedBySpace.has(qid)) removedBySpace.set(qid, []);
  const expiredQueues: SweepResult['expired'] = [];
  for (const [qid, states] of removedBySpace) {
    const readyFromChunks = fromChunks.get(qid) ?? 0;
    const heldInSpans = fromSpans.get(qid) ?? 0;
    const change = leavingCounts(states);
    rows.adjustCounts(qid, { ...change, size: change.size - readyFromChunks - heldInSpans, reserved: change.reserved - heldInSpans });
    const count = states.length + readyFromChunks + heldInSpans;
    // Spaces left by clear or delete have no queue any more: their loss is nobody's size change.
    const queue = sql.queueByQid.get(qid) as QueueRow | undefined;
    if (queue) expiredQueues.push({ projectId: queue.project_id, queueName: queue.name, count, queue: rows.toQueue(queue) });
  }
  const removedFromChunks = [...fromChunks.values(), ...fromSpans.values()].reduce((sum, count) => sum + count, 0);
  return { removed: expired.length + removedFromChunks + purgeAbandoned(rows, limit), expired: expiredQueues };
}

/** Deletes up to `limit` messages of one abandoned message space; forgets it once empty. */
function purgeAbandoned(rows: QueueRows, limit: number): number {
  const sql = rows.sql;
  const space = sql.oneAbandonedSpace.get() as { qid: number } | undefined;
  if (!space) return 0;
  sql.purgeDeliveries.run(space.qid, limit);
  const chunks = rows.chunks.purge(space.qid, limit);
  const spans = rows.held.purge(space.qid, limit);
  const removed = sql.purgeReady.run(space.qid, limit).changes + sql.purgeWaiting.run(space.qid, limit).changes;
  if (removed < limit && chunks.isEmpty && spans.isEmpty) sql.forgetSpace.run(space.qid);
  return removed + chunks.messages + spans.messages;
}
