// The one server-side door to the engine and the auth store: built once per process and kept on
// globalThis, so the wire API and the HUD's server code (bundled separately by Next) share one
// engine, and a dev reload never opens the database twice or starts a second set of timers.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { startAlertMonitor } from './alerts/monitor';
import type { AuthStore } from './auth/auth-store';
import { openSqliteAuthStore } from './auth/sqlite-auth-store';
import type { ServerConfig } from './config';
import { systemClock } from './engine/clock';
import { QueueEngine } from './engine/engine';
import { SqliteQueueStore } from './engine/sqlite/sqlite-store';
import { startSweeper } from './engine/sweeper';
import { createMetrics, type Metrics } from './metrics/metrics';
import { watchQueues } from './metrics/queue-series';
import { createAddressPolicy, type AddressPolicy } from './push/address-policy';
import { startRedriveWorker } from './redrive/redrive-worker';
import { startStatsSampler, type StatsSampler } from './stats/sampler';
import { openSqliteStatsStore } from './stats/sqlite-stats-store';
import type { StatsStore } from './stats/stats-store';

export interface Runtime {
  engine: QueueEngine;
  auth: AuthStore;
  /** Per-minute queue history for the HUD's charts. */
  stats: StatsStore;
  /** The minute not yet in `stats`, so the HUD shows activity as it happens. */
  sampler: Pick<StatsSampler, 'currentMinute'>;
  /** The pusher's rules, for the HUD's test push: built from the same settings as the pusher's own. */
  push: { policy: AddressPolicy; requestTimeoutMs: number };
  /** Every series /metrics exposes; the HUD's server page reads the same. */
  metrics: Metrics;
  /** Process start (epoch ms). */
  startedAtMs: number;
  /** Where the databases live (FERRO_DATA_DIR). */
  dataDir: string;
  /** Stops background work and closes the stores; pending writes are flushed first. */
  close(): Promise<void>;
}

const RUNTIME_KEY = Symbol.for('ferro.runtime');
type RuntimeGlobal = typeof globalThis & { [RUNTIME_KEY]?: Runtime };

export const QUEUES_DB_FILE = 'queues.db';

function openRuntime(config: ServerConfig, log: (line: string) => void): Runtime {
  mkdirSync(config.dataDir, { recursive: true });
  const metrics = createMetrics();
  const store = new SqliteQueueStore({ path: path.join(config.dataDir, QUEUES_DB_FILE), syncMode: config.syncMode, onCommit: metrics.observeCommit });
  const engine = new QueueEngine({ store, clock: systemClock, maxMessageBytes: config.maxMessageBytes, onError: (error) => log(`listener: ${String(error)}`) });
  watchQueues(metrics.registry, engine, config.metrics.maxQueues);
  metrics.gauge('ferro_long_polls_waiting', 'Long polls waiting for a message now.', () => engine.changes.heldLongPolls());
  const auth = openSqliteAuthStore(config.dataDir);
  // The monitor listens before the sweeper starts, so no expiry goes unjudged.
  const stopAlerts = startAlertMonitor(engine, (error) => log(`alerts: ${String(error)}`));
  const stopSweeper = startSweeper(store, systemClock, (error) => log(`sweeper: ${String(error)}`), engine.changes);
  const stats = openSqliteStatsStore(config.dataDir);
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
    },
  };
}

/** Opens the runtime on first call; later calls in the same process get the same one. */
export function startRuntime(config: ServerConfig, log: (line: string) => void): Runtime {
  const holder = globalThis as RuntimeGlobal;
  holder[RUNTIME_KEY] ??= openRuntime(config, log);
  return holder[RUNTIME_KEY];
}

/** The running runtime, for server code that does not start it (the HUD's route handlers). */
export function getRuntimeOrThrow(): Runtime {
  const runtime = (globalThis as RuntimeGlobal)[RUNTIME_KEY];
  if (!runtime) throw new Error('Ferro runtime not started: run the server with `npm start`');
  return runtime;
}
