// The SQLite stats store: `stats.db` beside the queue database. History is not worth an fsync
// per minute, so it runs with synchronous=NORMAL: a crash loses at most the last minutes.
import Database from 'better-sqlite3';
import path from 'node:path';
import type { QueueSample, StatsStore } from './stats-store';

const SCHEMA = `
CREATE TABLE IF NOT EXISTS queue_stats (
  project_id     TEXT    NOT NULL,
  queue_name     TEXT    NOT NULL,
  minute_ms      INTEGER NOT NULL,   -- start of the minute, epoch ms
  size           INTEGER NOT NULL,
  total_messages INTEGER NOT NULL,
  posted         INTEGER NOT NULL,
  reserved       INTEGER NOT NULL,
  removed        INTEGER NOT NULL,
  PRIMARY KEY (project_id, queue_name, minute_ms)
) WITHOUT ROWID;
CREATE INDEX IF NOT EXISTS queue_stats_age ON queue_stats (minute_ms);
`;

export const STATS_DB_FILE = 'stats.db';

export function openSqliteStatsStore(dataDir: string): StatsStore {
  const db = new Database(path.join(dataDir, STATS_DB_FILE));
  db.pragma('journal_mode = WAL');
  db.pragma('synchronous = NORMAL');
  db.exec(SCHEMA);
  const upsert = db.prepare(
    `INSERT INTO queue_stats (project_id, queue_name, minute_ms, size, total_messages, posted, reserved, removed)
     VALUES (@projectId, @queueName, @atMs, @size, @totalMessages, @posted, @reserved, @removed)
     ON CONFLICT (project_id, queue_name, minute_ms) DO UPDATE SET
       size = excluded.size, total_messages = excluded.total_messages, posted = posted + excluded.posted,
       reserved = reserved + excluded.reserved, removed = removed + excluded.removed`,
  );
  const recordAll = db.transaction((samples: QueueSample[]) => samples.forEach((sample) => upsert.run(sample)));
  // A bucket's totalMessages is its last minute's, not its largest: a queue deleted and created
  // again inside the bucket starts counting from 0, and the old queue's total is not the end's.
  const select = db.prepare(
    `WITH buckets AS (
       SELECT minute_ms - minute_ms % CAST(@bucketMs AS INTEGER) AS atMs, MAX(minute_ms) AS lastMinuteMs,
         MAX(size) AS size, SUM(posted) AS posted, SUM(reserved) AS reserved, SUM(removed) AS removed
       FROM queue_stats
       WHERE project_id = @projectId AND queue_name = @queueName AND minute_ms >= @fromMs AND minute_ms < @toMs
       GROUP BY atMs
     )
     SELECT b.atMs, b.size, s.total_messages AS totalMessages, b.posted, b.reserved, b.removed
     FROM buckets b JOIN queue_stats s
       ON s.project_id = @projectId AND s.queue_name = @queueName AND s.minute_ms = b.lastMinuteMs
     ORDER BY b.atMs`,
  );
  const latest = db.prepare(
    `SELECT minute_ms AS atMs, size, total_messages AS totalMessages, posted, reserved, removed
     FROM queue_stats WHERE project_id = ? AND queue_name = ? AND minute_ms < ? ORDER BY minute_ms DESC LIMIT 1`,
  );
  const prune = db.prepare('DELETE FROM queue_stats WHERE minute_ms < ?');

  return {
    async record(samples) {
      recordAll(samples);
    },
    async read(projectId, queueName, fromMs, toMs, bucketMs) {
      const rows = select.all({ projectId, queueName, fromMs, toMs, bucketMs }) as Array<Omit<QueueSample, 'projectId' | 'queueName'>>;
      return rows.map((row) => ({ projectId, queueName, ...row }));
    },
    async latestBefore(projectId, queueName, beforeMs) {
      const row = latest.get(projectId, queueName, beforeMs) as Omit<QueueSample, 'projectId' | 'queueName'> | undefined;
      return row && { projectId, queueName, ...row };
    },
    async prune(beforeMs) {
      return prune.run(beforeMs).changes;
    },
    async close() {
      db.close();
    },
  };
}
