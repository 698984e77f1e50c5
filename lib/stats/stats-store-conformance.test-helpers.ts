// Shared pieces of the StatsStore conformance suite: the per-test context, aligned instants and a
// sample builder, so each part reads as the rule it checks.
import { randomBytes } from 'node:crypto';
import type { QueueSample, StatsStore } from './stats-store';

export interface StatsConformanceContext {
  /** The store under test; each test gets one freshly opened over the same data. */
  store(): StatsStore;
  /** Closes the store and opens another over the same data, as a restart would. */
  reopen(): Promise<StatsStore>;
}

export const MINUTE_MS = 60_000;
export const HOUR_MS = 60 * MINUTE_MS;
/** The chart ranges' widest bucket (2 h) divides a day, so T0 starts a bucket of every width used here. */
export const T0 = Date.UTC(2026, 0, 1, 12);

/** Samples outlive a test (and, for a server database, a run), so every test uses its own project. */
export function newProjectId(): string {
  return randomBytes(12).toString('hex');
}

/** The start of minute `minute` after T0 (epoch ms). */
export function minute(minute: number): number {
  return T0 + minute * MINUTE_MS;
}

/** A minute sample with every count at zero unless given. */
export function sample(
  projectId: string,
  queueName: string,
  atMs: number,
  fields: Partial<Pick<QueueSample, 'size' | 'totalMessages' | 'posted' | 'reserved' | 'removed'>> = {},
): QueueSample {
  return { projectId, queueName, atMs, size: 0, totalMessages: 0, posted: 0, reserved: 0, removed: 0, ...fields };
}

/** Reads one queue minute by minute over a wide window: what the store holds for it, as stored. */
export function readMinutes(store: StatsStore, projectId: string, queueName: string, fromMs = T0 - 24 * HOUR_MS, toMs = T0 + 24 * HOUR_MS) {
  return store.read(projectId, queueName, fromMs, toMs, MINUTE_MS);
}
