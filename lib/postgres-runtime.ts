// Every store of a Ferro instance on one PostgreSQL database (FERRO_DATABASE_URL), for several
// instances behind one load balancer: queues and push deliveries, users, projects and tokens,
// per-minute stats, alert state and the HUD's session secret. Each store applies its own
// migrations on start (safe when instances start at once); one connection pool serves them all.
import type { AlertState } from './alerts/alert-state';
import { openPostgresAlertState } from './alerts/postgres-alert-state';
import type { AuthStore } from './auth/auth-store';
import { openPostgresAuthStore } from './auth/postgres-auth-store';
import { readOrCreateSessionSecret } from './auth/postgres-session-secret';
import type { ArrivalChannel } from './engine/arrivals';
import { PostgresDatabase } from './engine/postgres/database';
import { PostgresQueueStore } from './engine/postgres/postgres-store';
import { openPostgresStatsStore } from './stats/postgres-stats-store';
import type { StatsStore } from './stats/stats-store';

export interface PostgresStores {
  queues: PostgresQueueStore;
  /** Other instances' arrivals, for the engine's change signal (QueueChanges.link). */
  arrivals: ArrivalChannel;
  auth: AuthStore;
  stats: StatsStore;
  alertState: AlertState;
  /** The HUD's session key shared by every instance. */
  sessionSecret(): Promise<string>;
  /** Closes the pool; call after the stores stopped. */
  close(): Promise<void>;
}

export interface PostgresRuntimeOptions {
  onCommit?: (batchSize: number, durationMs: number) => void;
  log: (line: string) => void;
}

export async function openPostgresStores(connectionString: string, options: PostgresRuntimeOptions): Promise<PostgresStores> {
  const database = new PostgresDatabase({ connectionString, onCommit: options.onCommit });
  try {
    const onError = (error: unknown) => options.log(`postgres arrivals: ${String(error)}`);
    const queues = await PostgresQueueStore.open({ database, onError });
    const [auth, stats, alertState] = await Promise.all([openPostgresAuthStore(database), openPostgresStatsStore(database), openPostgresAlertState(database)]);
    return {
      queues,
      arrivals: queues.arrivals!,
      auth,
      stats,
      alertState,
      sessionSecret: () => readOrCreateSessionSecret(database),
      close: () => database.close(),
    };
  } catch (error) {
    await database.close();
    throw error;
  }
}

