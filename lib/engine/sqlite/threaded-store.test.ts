// Runs the QueueStore conformance suite against the SQLite store in its worker thread, the way
// the server runs it (dist/store-worker.js and its checkpoint thread, dist/checkpoint-worker.js,
// built by the test setup), one file per data set.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EngineError } from '../errors';
import { defaultQueueSettings } from '../queue-settings';
import { describeStoreConformance } from '../store-conformance';
import { openThreadedSqliteStore } from './threaded-store';

const dataDir = mkdtempSync(path.join(tmpdir(), 'ferro-threaded-store-'));
const workerScript = path.resolve(__dirname, '../../../dist/store-worker.js');
const checkpointWorkerScript = path.resolve(__dirname, '../../../dist/checkpoint-worker.js');

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describeStoreConformance('SqliteQueueStore in a worker thread', async ({ dataSet, random }) => {
  // Only data crosses to the worker: the suite's jitter sources are constants, so one sample is the source.
  const store = await openThreadedSqliteStore({
    path: path.join(dataDir, `${dataSet}.db`),
    workerScript,
    checkpointWorkerScript,
    fixedRandom: random(),
  });
  return { store, cleanup: () => store.close() };
});

describe('saveQueue across the thread boundary', () => {
  it('concurrent saves of one queue never lose an update: a save that read a stale queue decides again', async () => {
    const store = await openThreadedSqliteStore({ path: path.join(dataDir, 'concurrent-saves.db'), workerScript });
    try {
      const saves = Array.from({ length: 10 }, (_, i) =>
        store.saveQueue('p'.repeat(24), 'q', (current) => {
          const settings = current ? { ...current } : defaultQueueSettings();
          return { ...settings, messageTimeoutMs: (current?.messageTimeoutMs ?? 0) + 1_000, alerts: [...(current?.alerts ?? []), { id: `a${i}`.padEnd(24, '0'), type: 'fixed' as const, direction: 'asc' as const, trigger: i + 1, queue: 't', snoozeMs: 0 }] };
        }, 1_000),
      );
      await Promise.all(saves);
      const queue = await store.getQueue('p'.repeat(24), 'q');
      expect(queue?.alerts).toHaveLength(10);
      expect(queue?.messageTimeoutMs).toBe(10_000);
    } finally {
      await store.close();
    }
  });

  it('a refusal inside decide reaches the caller and writes nothing', async () => {
    const store = await openThreadedSqliteStore({ path: path.join(dataDir, 'refusal.db'), workerScript });
    try {
      await expect(store.saveQueue('p'.repeat(24), 'q', () => { throw new EngineError('QUEUE_NOT_FOUND'); }, 1_000)).rejects.toMatchObject({ name: 'EngineError', code: 'QUEUE_NOT_FOUND' });
      expect(await store.getQueue('p'.repeat(24), 'q')).toBeUndefined();
      await expect(store.getMessage('p'.repeat(24), 'q', '1', 1_000)).rejects.toMatchObject({ name: 'EngineError', code: 'QUEUE_NOT_FOUND' });
    } finally {
      await store.close();
    }
  });
});

describe('the checkpoint thread of the store thread', () => {
  it("reports through the store's log when it cannot start, and the store keeps working", async () => {
    const lines: string[] = [];
    const store = await openThreadedSqliteStore({
      path: path.join(dataDir, 'no-checkpointer.db'),
      workerScript,
      checkpointWorkerScript: path.join(dataDir, 'missing-worker.js'),
      log: (line) => lines.push(line),
    });
    try {
      await store.saveQueue('p'.repeat(24), 'q', () => defaultQueueSettings(), 1_000);
      await store.postMessages('p'.repeat(24), 'q', [{ body: 'kept', delayMs: 0, pushHeaders: null }], 1_000);
      await expect.poll(() => lines).toEqual([expect.stringMatching(/^checkpoints are back on the committing thread: /)]);
      expect((await store.getQueue('p'.repeat(24), 'q'))?.size).toBe(1);
    } finally {
      await store.close();
    }
  });
});
