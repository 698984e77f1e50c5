// Runs the QueueStore conformance suite against SqliteQueueStore on real files in a temp directory,
// one file per data set the suite asks for.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { describeStoreConformance } from '../store-conformance';
import { SqliteQueueStore } from './sqlite-store';

const dataDir = mkdtempSync(path.join(tmpdir(), 'ferro-sqlite-store-'));

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describeStoreConformance('SqliteQueueStore', async ({ dataSet, random }) => {
  const store = new SqliteQueueStore({ path: path.join(dataDir, `${dataSet}.db`), random });
  return { store, cleanup: () => store.close() };
});
