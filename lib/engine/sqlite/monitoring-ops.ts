// What monitoring reads from the SQLite store: the largest queues with their counts by state and
// the age of their front message, and sums over every queue. A few indexed reads however many
// queues there are, so a scrape every second costs nothing worth measuring.
import type Database from 'better-sqlite3';
import type { QueueStats, QueueStatsSnapshot } from '../store';
import { countMessages } from './message-counts';
import { availableFront } from './message-fronts';
import type { QueueRows } from './queue-rows';
import type { QueueRow } from './statements';

export function prepareMonitoringStatements(db: Database.Database) {
  return {
    largestQueues: db.prepare('SELECT * FROM queues ORDER BY size DESC, project_id, name LIMIT ?'),
    allQueues: db.prepare('SELECT COUNT(*) AS queues, COALESCE(SUM(size), 0) AS size, COALESCE(SUM(total_messages), 0) AS totalMessages FROM queues'),
    // Rewrites a counter with its own value: a real page write and commit, changing nothing.
    ping: db.prepare("UPDATE counters SET value = value WHERE name = 'last_qid'"),
  };
}

export type MonitoringStatements = ReturnType<typeof prepareMonitoringStatements>;

export function queueStats(rows: QueueRows, sql: MonitoringStatements, limit: number, nowMs: number): QueueStatsSnapshot {
  const largest = (sql.largestQueues.all(limit) as QueueRow[]).map((queue): QueueStats => {
    const counts = countMessages(rows, queue, nowMs);
    const [front] = availableFront(rows, queue, 1, nowMs);
    return {
      projectId: queue.project_id,
      name: queue.name,
      size: queue.size,
      totalMessages: queue.total_messages,
      reserved: counts.reserved,
      delayed: counts.delayed,
      oldestReadyAtMs: front?.created_at ?? null,
    };
  });
  return { largest, all: sql.allQueues.get() as QueueStatsSnapshot['all'] };
}
