// Where server code finds the runtime: on globalThis, so the wire API and the HUD's server code
// (bundled separately by Next) share one engine, and a dev reload never opens the database twice.
// In the HUD's thread the runtime is the main thread's, reached across a MessagePort
// (lib/hud-thread): its methods are asynchronous there, which is why the HUD awaits every one.
import type { AuthStore } from './auth/auth-store';
import type { QueueEngine } from './engine/engine';
import type { Metrics } from './metrics/metrics';
import type { AddressPolicy } from './push/address-policy';
import type { MinuteInProgress } from './stats/sampler';
import type { StatsStore } from './stats/stats-store';

export interface Runtime {
  engine: QueueEngine;
  auth: AuthStore;
  /** Per-minute queue history for the HUD's charts. */
  stats: StatsStore;
  /** The minute not yet in `stats`, so the HUD shows activity as it happens (a promise in the HUD's thread). */
  sampler: { currentMinute(projectId: string, queueName: string): MinuteInProgress | Promise<MinuteInProgress> };
  /** The pusher's rules, for the HUD's test push: built from the same settings as the pusher's own. */
  push: { policy: AddressPolicy; requestTimeoutMs: number };
  /** Every series /metrics exposes; the HUD's server page reads the same. */
  metrics: Metrics;
  /** The HUD's session key, shared through the database on PostgreSQL; undefined on SQLite (a file, nextauth-secret.ts). */
  sessionSecret?: () => Promise<string>;
  /** Process start (epoch ms). */
  startedAtMs: number;
  /** Where the databases live (FERRO_DATA_DIR). */
  dataDir: string;
  /** Stops background work and closes the stores; pending writes are flushed first. */
  close(): Promise<void>;
}

const RUNTIME_KEY = Symbol.for('ferro.runtime');
type RuntimeGlobal = typeof globalThis & { [RUNTIME_KEY]?: Runtime };

export function findRuntime(): Runtime | undefined {
  return (globalThis as RuntimeGlobal)[RUNTIME_KEY];
}

export function installRuntime(runtime: Runtime): Runtime {
  (globalThis as RuntimeGlobal)[RUNTIME_KEY] = runtime;
  return runtime;
}

/** The running runtime, for server code that does not start it (the HUD's route handlers). */
export function getRuntimeOrThrow(): Runtime {
  const runtime = findRuntime();
  if (!runtime) throw new Error('Ferro runtime not started: run the server with `npm start`');
  return runtime;
}
