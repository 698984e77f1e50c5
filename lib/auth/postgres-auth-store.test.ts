// Runs the AuthStore conformance suite against the PostgreSQL store on a fresh database of the
// local server (dropped afterwards), then checks what only the database can show: no password or
// token secret in any column.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PostgresDatabase } from '../engine/postgres/database';
import { createTestDatabase, type TestDatabase } from '../engine/postgres/test-database.test-helpers';
import { describeAuthStoreConformance } from './auth-store-conformance';
import { openPostgresAuthStore } from './postgres-auth-store';

let testDatabase: TestDatabase;

beforeAll(async () => {
  testDatabase = await createTestDatabase('auth_store');
});

afterAll(async () => {
  await testDatabase?.drop();
});

describeAuthStoreConformance('PostgresAuthStore', async ({ nowMs }) => {
  const database = new PostgresDatabase({ connectionString: testDatabase.url, maxConnections: 4 });
  const store = await openPostgresAuthStore(database, { nowMs });
  return {
    store,
    cleanup: async () => {
      await store.close();
      await database.close();
    },
  };
});

describe('PostgresAuthStore at rest', () => {
  it('stores a scrypt hash of the password and a SHA-256 of the secret, never either itself', async () => {
    const database = new PostgresDatabase({ connectionString: testDatabase.url, maxConnections: 2 });
    try {
      const store = await openPostgresAuthStore(database);
      const user = await store.createUser(`ada-${Date.now()}@example.com`, 'analytical-engine');
      const project = await store.createProject({ name: 'Orders' });
      const { token, secret } = await store.createToken(project.id, 'ci');
      const [stored] = await database.rows<{ password_hash: string }>('SELECT password_hash FROM users WHERE id = $1', [user.id]);
      expect(stored.password_hash).toMatch(/^scrypt\$/);
      expect(stored.password_hash).not.toContain('analytical-engine');
      const [row] = await database.rows<Record<string, unknown>>('SELECT * FROM api_tokens WHERE id = $1', [token.id]);
      for (const value of Object.values(row)) {
        expect(Buffer.isBuffer(value) ? value.toString('latin1') : String(value)).not.toContain(secret);
      }
    } finally {
      await database.close();
    }
  });
});
