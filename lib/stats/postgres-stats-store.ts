// The PostgreSQL stats store, for several Ferro instances on one database. Each instance's sampler
// records the counts of the changes it made itself; the upsert adds them to whatever the other
// instances recorded for the same queue and minute, so nothing is lost or counted twice. Pruning is
// work to do once: one instance at a time holds its advisory lock, the others skip the round.
import type { PostgresDatabase, Sql } from '../engine/postgres/database';
import type { Migration } from '../engine/postgres/migrations';
import type { QueueSample, StatsStore } from './stats-store';

const STATS_COMPONENT = 'stats';
const STATS_MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'per-minute queue samples',
    sql: `
CREATE TABLE queue_stats (
  project_id     TEXT   NOT NULL,
  queue_name     TEXT   COLLATE "C" NOT NULL,
  minute_ms      BIGINT NOT NULL,   -- start of the minute, epoch ms
  size           BIGINT NOT NULL,
  total_messages BIGINT NOT NULL,
  posted         BIGINT NOT NULL,
  reserved       BIGINT NOT NULL,
  removed        BIGINT NOT NULL,
  PRIMARY KEY (project_id, queue_name, minute_ms)
);
CREATE INDEX queue_stats_age ON queue_stats (minute_ms);
`,
  },
];

type Row = Omit<QueueSample, 'projectId' | 'queueName'>;
const COLUMNS = 'minute_ms AS "atMs", size, total_messages AS "totalMessages", posted, reserved, removed';

/** Opens the store on `database`, applying its migrations first. */
export async function openPostgresStatsStore(database: PostgresDatabase): Promise<StatsStore> {
  await database.migrate(STATS_COMPONENT, STATS_MIGRATIONS);
  return {
    async record(samples) {
      if (samples.length === 0) return;
      await database.transaction(async (sql: Sql) => {
        // One statement per sample, in array order: two samples of one minute in one call merge as two calls would.
        for (const s of samples) {
          await sql.run(
            `INSERT INTO queue_stats (project_id, queue_name, minute_ms, size, total_messages, posted, reserved, removed)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)
             ON CONFLICT (project_id, queue_name, minute_ms) DO UPDATE SET
               size = excluded.size, total_messages = excluded.total_messages, posted = queue_stats.posted + excluded.posted,
               reserved = queue_stats.reserved + excluded.reserved, removed = queue_stats.removed + excluded.removed`,
            [s.projectId, s.queueName, s.atMs, s.size, s.totalMessages, s.posted, s.reserved, s.removed],
          );
        }
      });
    },
    async read(projectId, queueName, fromMs, toMs, bucketMs) {
      // A bucket's totalMessages is its last minute's, not its largest (see sqlite-stats-store.ts).
      const rows = await database.rows<Row>(
        `WITH buckets AS (
           SELECT minute_ms - minute_ms % $5::bigint AS at_ms, MAX(minute_ms) AS last_minute_ms, MAX(size) AS size,
             SUM(posted)::bigint AS posted, SUM(reserved)::bigint AS reserved, SUM(removed)::bigint AS removed
           FROM queue_stats WHERE project_id = $1 AND queue_name = $2 AND minute_ms >= $3 AND minute_ms < $4
           GROUP BY 1
         )
         SELECT b.at_ms AS "atMs", b.size, s.total_messages AS "totalMessages", b.posted, b.reserved, b.removed
         FROM buckets b JOIN queue_stats s ON s.project_id = $1 AND s.queue_name = $2 AND s.minute_ms = b.last_minute_ms
         ORDER BY b.at_ms`,
        [projectId, queueName, fromMs, toMs, bucketMs],
      );
      return rows.map((row) => ({ projectId, queueName, ...row }));
    },
    async latestBefore(projectId, queueName, beforeMs) {
      const [row] = await database.rows<Row>(
        `SELECT ${COLUMNS} FROM queue_stats WHERE project_id = $1 AND queue_name = $2 AND minute_ms < $3 ORDER BY minute_ms DESC LIMIT 1`,
        [projectId, queueName, beforeMs],
      );
      return row && { projectId, queueName, ...row };
    },
    async prune(beforeMs) {
      return database.transaction(async (sql: Sql) => {
        const lock = await sql.row<{ ok: boolean }>("SELECT pg_try_advisory_xact_lock(hashtext('ferro:stats-prune:' || current_schema())) AS ok");
        if (!lock?.ok) return 0;
        return sql.run('DELETE FROM queue_stats WHERE minute_ms < $1', [beforeMs]);
      });
    },
    // The database belongs to whoever opened it (lib/postgres-runtime.ts), which closes it.
    async close() {},
  };
}
