// The checkpoint thread on real files, through the store that uses it (dist/checkpoint-worker.js,
// built by the test setup): under writes that never pause the WAL still starts over, nothing
// committed is lost, and a thread that cannot run hands checkpoints back to SQLite.
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, expect, it } from 'vitest';
import { newMessage, pullSettings, T0 } from '../store-conformance.test-helpers';
import { SqliteQueueStore } from './sqlite-store';

const checkpointWorkerScript = path.resolve(__dirname, '../../../dist/checkpoint-worker.js');
const BODY = 'b'.repeat(1024);
/** Writers with a post in flight each, so that commits follow one another without a pause. */
const WRITERS = 8;
const BATCH = 100;
/** 48,000 KiB of bodies: about three times the WAL length at which the checkpointer empties the WAL. */
const TOTAL = 480 * BATCH;

let dataDir: string;
let file: string;

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'ferro-checkpointer-'));
  file = path.join(dataDir, 'queues.db');
});

afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

/** Posts TOTAL messages of BODY from WRITERS concurrent loops; returns the largest WAL size seen (bytes). */
async function postSteadily(store: SqliteQueueStore): Promise<number> {
  await store.saveQueue('p', 'q', () => pullSettings(), T0);
  const batch = Array.from({ length: BATCH }, () => newMessage(BODY));
  let largestWal = 0;
  let posted = 0;
  const writer = async () => {
    while (posted < TOTAL) {
      posted += BATCH;
      await store.postMessages('p', 'q', batch, T0);
      largestWal = Math.max(largestWal, statSync(`${file}-wal`).size);
    }
  };
  await Promise.all(Array.from({ length: WRITERS }, writer));
  return largestWal;
}

it('keeps the WAL short under writes that never pause, and every write is there after a reopen', async () => {
  let store = new SqliteQueueStore({ path: file, checkpointWorkerScript });
  const largestWal = await postSteadily(store);
  await store.close();
  // The WAL starts over every 16 MiB or so; without that it would hold all 47 MiB of bodies and more.
  expect(largestWal).toBeLessThan(32 * 1024 * 1024);

  store = new SqliteQueueStore({ path: file, checkpointWorkerScript });
  const queue = await store.getQueue('p', 'q');
  expect(queue?.size).toBe(TOTAL);
  const reserved = await store.reserveMessages('p', 'q', { n: 100, timeoutMs: 60_000, isDelete: false }, T0);
  expect(reserved.messages.map((message) => message.body)).toEqual(Array(100).fill(BODY));
  await store.close();
});

it('hands checkpoints back to SQLite when its thread cannot start, and says so', async () => {
  const lines: string[] = [];
  const store = new SqliteQueueStore({ path: file, checkpointWorkerScript: path.join(dataDir, 'missing-worker.js'), log: (line) => lines.push(line) });
  const largestWal = await postSteadily(store);
  await store.close();
  expect(lines).toEqual([expect.stringMatching(/^checkpoints are back on the committing thread: /)]);
  // SQLite's own checkpoints keep the WAL near 1,000 pages plus a commit.
  expect(largestWal).toBeLessThan(16 * 1024 * 1024);
});
