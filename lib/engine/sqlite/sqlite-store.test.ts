// Runs the QueueStore conformance suite against SqliteQueueStore on real files in a temp directory,
// one file per data set the suite asks for, set up as the server runs it: checkpoints in their own
// thread (dist/checkpoint-worker.js, built by the test setup).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { describeStoreConformance } from '../store-conformance';
import { SqliteQueueStore } from './sqlite-store';

const checkpointWorkerScript = path.resolve(__dirname, '../../../dist/checkpoint-worker.js');
const dataDir = mkdtempSync(path.join(tmpdir(), 'ferro-sqlite-store-'));

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describeStoreConformance('SqliteQueueStore', async ({ dataSet, random }) => {
  const store = new SqliteQueueStore({ path: path.join(dataDir, `${dataSet}.db`), random, checkpointWorkerScript });
  return { store, cleanup: () => store.close() };
});
