// Runs the StatsStore conformance suite against the SQLite store on a real stats.db in a temp directory.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll } from 'vitest';
import { openSqliteStatsStore } from './sqlite-stats-store';
import { describeStatsStoreConformance } from './stats-store-conformance';

const dataDir = mkdtempSync(path.join(tmpdir(), 'ferro-stats-store-'));

afterAll(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describeStatsStoreConformance('SqliteStatsStore', async () => {
  const store = openSqliteStatsStore(dataDir);
  return { store, cleanup: () => store.close() };
});
