// Runs the StatsStore conformance suite against the PostgreSQL store on a fresh database of the
// local server, dropped afterwards.
import { afterAll, beforeAll } from 'vitest';
import { PostgresDatabase } from '../engine/postgres/database';
import { createTestDatabase, type TestDatabase } from '../engine/postgres/test-database.test-helpers';
import { openPostgresStatsStore } from './postgres-stats-store';
import { describeStatsStoreConformance } from './stats-store-conformance';

let testDatabase: TestDatabase;

beforeAll(async () => {
  testDatabase = await createTestDatabase('stats_store');
});

afterAll(async () => {
  await testDatabase?.drop();
});

describeStatsStoreConformance('PostgresStatsStore', async () => {
  const database = new PostgresDatabase({ connectionString: testDatabase.url, maxConnections: 4 });
  const store = await openPostgresStatsStore(database);
  return {
    store,
    cleanup: async () => {
      await store.close();
      await database.close();
    },
  };
});
