// Alert state in PostgreSQL, shared by every instance (alert-state.ts).
//
// Sizes: each change is judged from its own size before (the size after it, less what it added),
// never from a size remembered elsewhere. The PostgreSQL store commits the counter changes of one
// queue one at a time and reports each change with the size it left, so that before/after pair is
// exact, and every change is judged by exactly the instance that made it: a crossing falls inside
// exactly one change, so it fires once, whichever instance made it and whatever order the
// instances judge in. (A remembered "last judged size" shared through the database would judge
// changes in the order their judgements reach it, which is not the order they happened: two posts
// on two instances judged the other way round fire one crossing twice.)
//
// Snoozes: one row per alert. Claiming a firing is one conditional upsert, so of two instances
// claiming at once one wins, and a snooze survives restarts.
import type { PostgresDatabase } from '../engine/postgres/database';
import type { Migration } from '../engine/postgres/migrations';
import type { AlertState } from './alert-state';

const ALERTS_COMPONENT = 'alerts';
const ALERTS_MIGRATIONS: Migration[] = [
  {
    version: 1,
    description: 'alert snoozes',
    sql: `
CREATE TABLE alert_snoozes (
  alert_id TEXT   PRIMARY KEY,
  until_ms BIGINT NOT NULL     -- epoch ms before which the alert's firings are dropped
);
CREATE INDEX alert_snoozes_until ON alert_snoozes (until_ms);
`,
  },
];

export async function openPostgresAlertState(database: PostgresDatabase): Promise<AlertState> {
  await database.migrate(ALERTS_COMPONENT, ALERTS_MIGRATIONS);
  return {
    async sizeBefore(_queue, derived) {
      return derived;
    },
    async claimFiring(alertId, nowMs, snoozeMs) {
      if (snoozeMs <= 0) {
        // Not snoozing: only an earlier snooze still running (the alert was edited) holds it back.
        const [held] = await database.rows('SELECT 1 FROM alert_snoozes WHERE alert_id = $1 AND until_ms > $2', [alertId, nowMs]);
        return held === undefined;
      }
      const claimed = await database.rows(
        `INSERT INTO alert_snoozes (alert_id, until_ms) VALUES ($1, $2)
         ON CONFLICT (alert_id) DO UPDATE SET until_ms = excluded.until_ms WHERE alert_snoozes.until_ms <= $3
         RETURNING 1`,
        [alertId, nowMs + snoozeMs, nowMs],
      );
      return claimed.length === 1;
    },
    async forget() {
      // Nothing is kept per queue; snoozes end by themselves.
    },
  };
}
