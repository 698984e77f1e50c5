// Runs the QueueStore conformance suite against PostgresQueueStore on a fresh database of the
// local PostgreSQL server, one schema per data set the suite asks for; the database is dropped
// afterwards.
import { afterAll, beforeAll } from 'vitest';
import { describeStoreConformance } from '../store-conformance';
import { PostgresDatabase } from './database';
import { PostgresQueueStore } from './postgres-store';
import { createTestDatabase, type TestDatabase } from './test-database.test-helpers';

let testDatabase: TestDatabase;

beforeAll(async () => {
  testDatabase = await createTestDatabase('queue_store');
});

afterAll(async () => {
  await testDatabase?.drop();
});

describeStoreConformance('PostgresQueueStore', async ({ dataSet, random }) => {
  const database = new PostgresDatabase({ connectionString: testDatabase.url, schema: `ds_${dataSet}`, maxConnections: 8 });
  const store = await PostgresQueueStore.open({ database, random });
  return {
    store,
    cleanup: async () => {
      await store.close();
      await database.close();
    },
  };
});
