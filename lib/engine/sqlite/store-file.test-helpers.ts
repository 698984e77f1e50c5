// For tests that look into the SQLite file itself: a fresh store per test, and a read-only
// connection to its file beside it (which sees every committed write).
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach } from 'vitest';
import type { NewMessage } from '../types';
import { SqliteQueueStore } from './sqlite-store';

export const T0 = Date.UTC(2026, 0, 1);
export const PROJECT = '5f1e2d3c4b5a69788796a5b4';

export const plain = (body: string): NewMessage => ({ body, delayMs: 0, pushHeaders: null });

/** Registers the hooks; the getters give this test's store and reader. */
export function useStoreFile(prefix: string): { store: () => SqliteQueueStore; reader: () => Database.Database } {
  const dataDir = mkdtempSync(path.join(tmpdir(), prefix));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));
  let store: SqliteQueueStore;
  let reader: Database.Database;
  beforeEach(() => {
    const file = path.join(dataDir, `${Math.random().toString(36).slice(2)}.db`);
    store = new SqliteQueueStore({ path: file });
    reader = new Database(file, { readonly: true });
  });
  afterEach(async () => {
    reader.close();
    await store.close();
  });
  return { store: () => store, reader: () => reader };
}
