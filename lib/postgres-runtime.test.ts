// Opening every store on a real PostgreSQL: instances starting at once on an empty database each
// run every store's versioned migrations; the advisory lock lets one apply them while the others
// wait, so none fails and each version is recorded once. An unreachable database is
// STORAGE_UNAVAILABLE, not a crash.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresDatabase } from './engine/postgres/database';
import { PostgresQueueStore } from './engine/postgres/postgres-store';
import { createTestDatabase, type TestDatabase } from './engine/postgres/test-database.test-helpers';
import { openPostgresStores } from './postgres-runtime';

let testDatabase: TestDatabase;

beforeAll(async () => {
  testDatabase = await createTestDatabase('migrations');
});

afterAll(async () => {
  await testDatabase?.drop();
});

describe('every store on PostgreSQL', () => {
  it('six instances starting at once on an empty database all open, and each migration is applied once', async () => {
    const log = (line: string) => {
      throw new Error(`unexpected log line: ${line}`);
    };
    const instances = await Promise.all(Array.from({ length: 6 }, () => openPostgresStores(testDatabase.url, { log })));
    const check = new PostgresDatabase({ connectionString: testDatabase.url, maxConnections: 1 });
    try {
      const applied = await check.rows<{ component: string; version: number; count: number }>(
        'SELECT component, version, COUNT(*)::int AS count FROM ferro_migrations GROUP BY component, version ORDER BY component, version',
      );
      expect(applied.map((row) => `${row.component} ${row.version} ×${row.count}`)).toEqual(['alerts 1 ×1', 'auth 1 ×1', 'queues 1 ×1', 'queues 2 ×1', 'queues 3 ×1', 'stats 1 ×1']);
      // Every instance works on the result, and they agree on the session key.
      const [first, second] = instances;
      const { ids } = await first.queues.postMessages('aaaaaaaaaaaaaaaaaaaaaaaa', 'q', [{ body: 'b', delayMs: 0, pushHeaders: null }], Date.now());
      expect((await second.queues.getMessage('aaaaaaaaaaaaaaaaaaaaaaaa', 'q', ids[0], Date.now())).body).toBe('b');
      const secrets = await Promise.all(instances.map((instance) => instance.sessionSecret()));
      expect(new Set(secrets).size).toBe(1);
    } finally {
      for (const instance of instances) {
        await instance.queues.close();
        await instance.close();
      }
      await check.close();
    }
  });

  it('an unreachable database is STORAGE_UNAVAILABLE for every call, reads and writes', async () => {
    const database = new PostgresDatabase({ connectionString: 'postgres://postgres@127.0.0.1:1/none' });
    try {
      await expect(database.transaction(async (sql) => sql.run('SELECT 1'))).rejects.toMatchObject({ name: 'EngineError', code: 'STORAGE_UNAVAILABLE' });
      await expect(database.rows('SELECT 1')).rejects.toMatchObject({ name: 'EngineError', code: 'STORAGE_UNAVAILABLE' });
      const store = new PostgresQueueStore({ database, isListening: false });
      await expect(store.getQueue('aaaaaaaaaaaaaaaaaaaaaaaa', 'q')).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
      await expect(store.ping()).rejects.toMatchObject({ code: 'STORAGE_UNAVAILABLE' });
    } finally {
      await database.close();
    }
  });
});
