// Runs the QueueStore conformance suite against SqliteQueueStore on a real file in a temp directory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { describeStoreConformance } from '../store-conformance';
import { SqliteQueueStore } from './sqlite-store';

const dataDir = mkdtempSync(path.join(tmpdir(), 'ferro-sqlite-store-'));
const dbPath = path.join(dataDir, 'queues.db');

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describeStoreConformance('SqliteQueueStore', async () => {
  const store = new SqliteQueueStore({ path: dbPath });
  return { store, cleanup: () => store.close() };
});
