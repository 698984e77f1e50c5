// Set-up shared by the QueueEngine tests: a real SqliteQueueStore on a fresh temp file, a manual
// clock, and helpers to let group commit and woken long polls run without sleeping.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { ManualClock } from './clock';
import { QueueEngine, type ReserveOptions } from './engine';
import { SqliteQueueStore } from './sqlite/sqlite-store';
import type { ReservedMessage } from './types';

export { expectEngineError, newProjectId } from './store-conformance.test-helpers';

export const SECOND_MS = 1_000;

export interface EngineHarness {
  engine: QueueEngine;
  clock: ManualClock;
  store: SqliteQueueStore;
  /** Starts a reserve that may long-poll; the harness aborts it on close if still pending. */
  startReserve(projectId: string, name: string, options?: ReserveOptions): PendingReserve;
  close(): Promise<void>;
}

export interface PendingReserve {
  promise: Promise<ReservedMessage[]>;
  /** The messages once the reserve returned, else undefined. */
  result(): ReservedMessage[] | undefined;
  controller: AbortController;
}

/**
 * Lets queued work run: group commit flushes on setImmediate and a woken long poll needs a few
 * turns (wake, reserve, flush, return), so several event-loop turns pass.
 */
export async function settle(turns = 6): Promise<void> {
  for (let i = 0; i < turns; i++) await new Promise<void>((resolve) => setImmediate(resolve));
}

export function openEngine(options: { maxMessageBytes?: number; onError?: (error: unknown) => void } = {}): EngineHarness {
  const dataDir = mkdtempSync(path.join(tmpdir(), 'ferro-engine-'));
  // These tests are about timing with a manual clock and count event-loop turns (settle); the
  // durable mode's fsync runs in the thread pool for a real, uncountable time. Durability has its
  // own tests (wal-sync.test.ts, tests/durability.test.ts).
  const store = new SqliteQueueStore({ path: path.join(dataDir, 'queues.db'), syncMode: 'normal' });
  const clock = new ManualClock();
  const engine = new QueueEngine({ store, clock, maxMessageBytes: options.maxMessageBytes, onError: options.onError });
  const pending: PendingReserve[] = [];

  return {
    engine,
    clock,
    store,
    startReserve(projectId, name, reserveOptions = {}) {
      const controller = new AbortController();
      let result: ReservedMessage[] | undefined;
      const promise = engine.reserveMessages(projectId, name, { signal: controller.signal, ...reserveOptions });
      promise.then((messages) => (result = messages), () => undefined);
      const handle = { promise, result: () => result, controller };
      pending.push(handle);
      return handle;
    },
    async close() {
      // Abandoned long polls are aborted first so none touches the store after it closes.
      for (const handle of pending) handle.controller.abort();
      await settle();
      await Promise.allSettled(pending.map((handle) => handle.promise));
      await store.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
