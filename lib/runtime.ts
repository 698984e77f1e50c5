// The one server-side door to the engine and the auth store: built once per process and kept on
// globalThis (runtime-access.ts), so the wire API and the HUD share one engine, and a dev reload
// never opens the database twice or starts a second set of timers.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { startAlertMonitor } from './alerts/monitor';
import { openSqliteAuthStore } from './auth/sqlite-auth-store';
import { openPostgresStores } from './postgres-runtime';
import type { ServerConfig } from './config';
import { systemClock } from './engine/clock';
import { QueueEngine } from './engine/engine';
import { SqliteQueueStore } from './engine/sqlite/sqlite-store';
import { openThreadedSqliteStore } from './engine/sqlite/threaded-store';
import type { QueueStore } from './engine/store';
import { startSweeper } from './engine/sweeper';
import { createMetrics, type Metrics } from './metrics/metrics';
import { watchQueues } from './metrics/queue-series';
import { createAddressPolicy } from './push/address-policy';
import { startRedriveWorker } from './redrive/redrive-worker';
import { startStatsSampler } from './stats/sampler';
import { openSqliteStatsStore } from './stats/sqlite-stats-store';
import { findRuntime, installRuntime, type Runtime } from './runtime-access';

export { getRuntimeOrThrow, type Runtime } from './runtime-access';

export const QUEUES_DB_FILE = 'queues.db';

/**
 * The queue store: SQLite in the main thread, its fsyncs in libuv's pool (wal-sync.ts), or with
 * FERRO_SQLITE_THREAD=1 all of it in a worker thread (dist/store-worker.js, beside this bundle).
 * On two cores the worker measured slower (README, Benchmarks): it pays off with cores to spare.
 */
async function openQueueStore(config: ServerConfig, metrics: Metrics, log: (line: string) => void): Promise<QueueStore> {
  const options = {
    path: path.join(config.dataDir, QUEUES_DB_FILE),
    syncMode: config.syncMode,
    onCommit: metrics.observeCommit,
    onCheckpoint: metrics.observeCheckpoint,
    // Built beside this bundle, as the store's own worker is.
    checkpointWorkerScript: path.join(__dirname, 'checkpoint-worker.js'),
    log,
  };
  if (!config.isStoreThreaded) return new SqliteQueueStore(options);
  const onFatal = (error: Error) => {
    // Without its store the server can only fail every request: better to exit and be restarted.
    log(`the store's worker thread stopped (${error.message}); exiting`);
    process.exit(1);
  };
  return openThreadedSqliteStore({ ...options, workerScript: path.join(__dirname, 'store-worker.js'), onFatal });
}

async function openRuntime(config: ServerConfig, log: (line: string) => void): Promise<Runtime> {
  mkdirSync(config.dataDir, { recursive: true });
  const metrics = createMetrics();
  // FERRO_DATABASE_URL puts every store on PostgreSQL, shared with other instances (postgres-runtime.ts).
  const shared = config.databaseUrl ? await openPostgresStores(config.databaseUrl, { onCommit: metrics.observeCommit, log }) : undefined;
  const store = shared?.queues ?? (await openQueueStore(config, metrics, log));
  const engine = new QueueEngine({ store, clock: systemClock, maxMessageBytes: config.maxMessageBytes, onError: (error) => log(`listener: ${String(error)}`) });
  watchQueues(metrics.registry, engine, config.metrics.maxQueues);
  if (shared) engine.changes.link(shared.arrivals);
  metrics.gauge('ferro_long_polls_waiting', 'Long polls waiting for a message now.', () => engine.changes.heldLongPolls());
  const auth = shared?.auth ?? openSqliteAuthStore(config.dataDir);
  // The monitor listens before the sweeper starts, so no expiry goes unjudged.
  const stopAlerts = startAlertMonitor(engine, (error) => log(`alerts: ${String(error)}`), shared?.alertState);
  const stopSweeper = startSweeper(store, systemClock, (error) => log(`sweeper: ${String(error)}`), engine.changes);
  const stats = shared?.stats ?? openSqliteStatsStore(config.dataDir);
  const sampler = startStatsSampler({ engine, stats, clock: systemClock, log });
  const redrive = startRedriveWorker({ engine, log });
  const push = { policy: createAddressPolicy({ deny: config.push.deny, allow: config.push.allow }), requestTimeoutMs: config.push.requestTimeoutMs };
  return {
    engine,
    auth,
    stats,
    sampler,
    push,
    metrics,
    sessionSecret: shared?.sessionSecret,
    startedAtMs: Date.now(),
    dataDir: config.dataDir,
    async close() {
      stopSweeper();
      // A batch in progress commits before the store closes; the job resumes after a restart.
      await redrive.stop();
      await sampler.stop();
      await stats.close();
      // Alert messages already being posted are written before the store closes.
      await stopAlerts();
      await store.close();
      await auth.close();
      await shared?.close();
    },
  };
}

/** Opens the runtime once per process (the server calls it at start, before it listens). */
export async function startRuntime(config: ServerConfig, log: (line: string) => void): Promise<Runtime> {
  return findRuntime() ?? installRuntime(await openRuntime(config, log));
}
