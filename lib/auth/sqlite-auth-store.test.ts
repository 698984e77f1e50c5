// Runs the AuthStore conformance suite against the SQLite store on a real auth.db in a temp
// directory, then checks what only a file can show: no password or token secret in it at rest.
import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it } from 'vitest';
import { describeAuthStoreConformance } from './auth-store-conformance';
import type { AuthStore } from './auth-store';
import { AUTH_DB_FILE, openSqliteAuthStore } from './sqlite-auth-store';

const sharedDir = mkdtempSync(path.join(tmpdir(), 'ferro-auth-conformance-'));

afterAll(() => {
  rmSync(sharedDir, { recursive: true, force: true });
});

describeAuthStoreConformance('SqliteAuthStore', async ({ nowMs }) => {
  const store = openSqliteAuthStore(sharedDir, { nowMs });
  return { store, cleanup: () => store.close() };
});

describe('SqliteAuthStore at rest', () => {
  let dataDir: string;
  let store: AuthStore;

  beforeEach(() => {
    dataDir = mkdtempSync(path.join(tmpdir(), 'ferro-auth-'));
    store = openSqliteAuthStore(dataDir);
  });

  afterEach(async () => {
    await store.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  /** Every file of the database (main file, write-ahead log, shared memory), as bytes. */
  const databaseFiles = () =>
    readdirSync(dataDir).filter((file) => file.startsWith(AUTH_DB_FILE)).map((file) => readFileSync(path.join(dataDir, file)));

  it('does not store the password', async () => {
    await store.createUser('ada@example.com', 'analytical-engine');
    const raw = new Database(path.join(dataDir, AUTH_DB_FILE), { readonly: true });
    const { password_hash } = raw.prepare('SELECT password_hash FROM users').get() as { password_hash: string };
    raw.close();
    expect(password_hash).toMatch(/^scrypt\$/);
    expect(password_hash).not.toContain('analytical-engine');
    for (const bytes of databaseFiles()) expect(bytes.includes('analytical-engine')).toBe(false);
  });

  it('stores only a hash of the secret', async () => {
    const project = await store.createProject({ name: 'Orders' });
    const { secret } = await store.createToken(project.id, 'ci');
    const raw = new Database(path.join(dataDir, AUTH_DB_FILE), { readonly: true });
    const rows = raw.prepare('SELECT * FROM api_tokens').all() as Array<Record<string, unknown>>;
    raw.close();
    expect(rows).toHaveLength(1);
    for (const value of Object.values(rows[0])) {
      expect(Buffer.isBuffer(value) ? value.toString('latin1') : String(value)).not.toContain(secret);
    }
    // The database file and its write-ahead log hold no copy of it either.
    const files = databaseFiles();
    expect(files.length).toBeGreaterThan(0);
    for (const bytes of files) expect(bytes.includes(secret)).toBe(false);
  });
});
