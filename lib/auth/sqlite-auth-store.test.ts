// The SQLite AuthStore against a real auth.db in a fresh temporary directory per test.
import Database from 'better-sqlite3';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthStore } from './auth-store';
import { AUTH_DB_FILE, LAST_USED_WRITE_INTERVAL_MS, openSqliteAuthStore } from './sqlite-auth-store';

let dataDir: string;
let store: AuthStore;
let nowMs: number;

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'ferro-auth-'));
  nowMs = Date.UTC(2026, 0, 1);
  store = openSqliteAuthStore(dataDir, { nowMs: () => nowMs });
});

afterEach(async () => {
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

async function projectWithToken() {
  const project = await store.createProject({ name: 'Orders' });
  const created = await store.createToken(project.id, 'ci');
  return { project, ...created };
}

describe('users', () => {
  it('creates, finds by email ignoring case, and verifies passwords', async () => {
    const user = await store.createUser(' Ada@Example.com ', 'analytical-engine', { isAdmin: true });
    expect(user).toMatchObject({ email: 'ada@example.com', isAdmin: true, createdAtMs: nowMs });
    expect(user.id).toMatch(/^[0-9a-f]{24}$/);
    expect(await store.findUserByEmail('ADA@example.com')).toEqual(user);
    expect(await store.getUser(user.id)).toEqual(user);
    expect(await store.verifyPassword('ada@example.com', 'analytical-engine')).toEqual(user);
    expect(await store.verifyPassword('ada@example.com', 'difference-engine')).toBeNull();
    expect(await store.verifyPassword('nobody@example.com', 'analytical-engine')).toBeNull();
    expect(await store.listUsers()).toEqual([user]);
  });

  it('rejects a duplicate email, a bad email and a short password', async () => {
    await store.createUser('ada@example.com', 'analytical-engine');
    await expect(store.createUser('ADA@example.com', 'another-password')).rejects.toMatchObject({ code: 'USER_EXISTS' });
    await expect(store.createUser('not-an-email', 'analytical-engine')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(store.createUser('bob@example.com', 'short')).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
  });

  it('does not store the password', async () => {
    await store.createUser('ada@example.com', 'analytical-engine');
    const raw = new Database(path.join(dataDir, AUTH_DB_FILE), { readonly: true });
    const { password_hash } = raw.prepare('SELECT password_hash FROM users').get() as { password_hash: string };
    raw.close();
    expect(password_hash).not.toContain('analytical-engine');
  });
});

describe('projects', () => {
  it('creates with a random or a given id, renames and lists', async () => {
    const random = await store.createProject({ name: ' Orders ' });
    expect(random).toEqual({ id: expect.stringMatching(/^[0-9a-f]{24}$/), name: 'Orders', createdAtMs: nowMs });
    const given = await store.createProject({ name: 'Billing', id: '54f95a43ecbd7e000800002a' });
    expect(given.id).toBe('54f95a43ecbd7e000800002a');
    expect(await store.renameProject(given.id, 'Invoices')).toMatchObject({ name: 'Invoices' });
    expect(await store.getProject(given.id)).toMatchObject({ name: 'Invoices' });
    expect((await store.listProjects()).map((p) => p.name)).toEqual(['Orders', 'Invoices']);
  });

  it('rejects an invalid or taken id, an empty name and renaming a missing project', async () => {
    await expect(store.createProject({ name: 'x', id: 'NOT-HEX' })).rejects.toMatchObject({ code: 'INVALID_PROJECT_ID' });
    await store.createProject({ name: 'a', id: '54f95a43ecbd7e000800002a' });
    await expect(store.createProject({ name: 'b', id: '54f95a43ecbd7e000800002a' })).rejects.toMatchObject({ code: 'PROJECT_EXISTS' });
    await expect(store.createProject({ name: '   ' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(store.renameProject('000000000000000000000000', 'x')).rejects.toMatchObject({ code: 'PROJECT_NOT_FOUND' });
  });

  it('deletes a project together with its tokens', async () => {
    const { project, secret } = await projectWithToken();
    expect(await store.deleteProject(project.id)).toBe(true);
    expect(await store.deleteProject(project.id)).toBe(false);
    expect(await store.getProject(project.id)).toBeNull();
    expect(await store.authenticate(project.id, secret)).toBe(false);
  });
});

describe('project access', () => {
  it('shows a user only granted projects, and an admin every project', async () => {
    const [orders, billing] = [await store.createProject({ name: 'Orders' }), await store.createProject({ name: 'Billing' })];
    const admin = await store.createUser('admin@localhost', 'admin-password', { isAdmin: true });
    const user = await store.createUser('user@localhost', 'user-password');
    await store.grantProjectAccess(user.id, orders.id);
    await store.grantProjectAccess(user.id, orders.id);
    expect(await store.listProjectsForUser(user.id)).toEqual([orders]);
    expect(await store.listProjectsForUser(admin.id)).toEqual([orders, billing]);
    expect(await store.hasProjectAccess(user.id, orders.id)).toBe(true);
    expect(await store.hasProjectAccess(user.id, billing.id)).toBe(false);
    expect(await store.hasProjectAccess(admin.id, billing.id)).toBe(true);
    expect(await store.hasProjectAccess(admin.id, '000000000000000000000000')).toBe(false);
    expect(await store.revokeProjectAccess(user.id, orders.id)).toBe(true);
    expect(await store.listProjectsForUser(user.id)).toEqual([]);
  });

  it('refuses a grant for a missing user or project', async () => {
    const project = await store.createProject({ name: 'Orders' });
    const user = await store.createUser('user@localhost', 'user-password');
    await expect(store.grantProjectAccess('000000000000000000000000', project.id)).rejects.toMatchObject({ code: 'USER_NOT_FOUND' });
    await expect(store.grantProjectAccess(user.id, '000000000000000000000000')).rejects.toMatchObject({ code: 'PROJECT_NOT_FOUND' });
  });
});

describe('tokens', () => {
  it('returns the secret once and lists tokens without it', async () => {
    const { project, token, secret } = await projectWithToken();
    expect(secret).toMatch(/^[A-Za-z0-9_-]{27}$/);
    expect(token).toEqual({
      id: expect.stringMatching(/^[0-9a-f]{24}$/), projectId: project.id, name: 'ci',
      hint: secret.slice(-4), createdAtMs: nowMs, lastUsedAtMs: null,
    });
    const listed = await store.listTokens(project.id);
    expect(listed).toEqual([token]);
    expect(JSON.stringify(listed)).not.toContain(secret);
  });

  it('stores only a hash of the secret', async () => {
    const { secret } = await projectWithToken();
    const raw = new Database(path.join(dataDir, AUTH_DB_FILE), { readonly: true });
    const rows = raw.prepare('SELECT * FROM api_tokens').all() as Array<Record<string, unknown>>;
    raw.close();
    expect(rows).toHaveLength(1);
    for (const value of Object.values(rows[0])) {
      expect(Buffer.isBuffer(value) ? value.toString('latin1') : String(value)).not.toContain(secret);
    }
    // The database file and its write-ahead log hold no copy of it either.
    for (const file of readdirSync(dataDir).filter((f) => f.startsWith(AUTH_DB_FILE))) {
      expect(readFileSync(path.join(dataDir, file)).includes(secret)).toBe(false);
    }
  });

  it('authenticates a live token for its own project only', async () => {
    const { project, secret } = await projectWithToken();
    const other = await store.createProject({ name: 'Other' });
    expect(await store.authenticate(project.id, secret)).toBe(true);
    expect(await store.authenticate(other.id, secret)).toBe(false);
    expect(await store.authenticate(project.id, secret.slice(0, -1) + (secret.endsWith('A') ? 'B' : 'A'))).toBe(false);
    expect(await store.authenticate(project.id, '')).toBe(false);
    expect(await store.authenticate(project.id, 'x'.repeat(10_000))).toBe(false);
  });

  it('fails a revoked token on the very next request', async () => {
    const { project, token, secret } = await projectWithToken();
    const other = await store.createProject({ name: 'Other' });
    expect(await store.authenticate(project.id, secret)).toBe(true);
    expect(await store.revokeToken(other.id, token.id)).toBe(false);
    expect(await store.revokeToken(project.id, token.id)).toBe(true);
    expect(await store.authenticate(project.id, secret)).toBe(false);
    expect(await store.listTokens(project.id)).toEqual([]);
  });

  it('accepts a chosen secret once and rejects a malformed one', async () => {
    const project = await store.createProject({ name: 'Orders' });
    const { secret } = await store.createToken(project.id, 'fixed', { token: 'ferro-test-token-0123456789' });
    expect(secret).toBe('ferro-test-token-0123456789');
    expect(await store.authenticate(project.id, secret)).toBe(true);
    await expect(store.createToken(project.id, 'again', { token: secret })).rejects.toMatchObject({ code: 'TOKEN_EXISTS' });
    await expect(store.createToken(project.id, 'bad', { token: 'has spaces in it' })).rejects.toMatchObject({ code: 'INVALID_ARGUMENT' });
    await expect(store.createToken('000000000000000000000000', 'x')).rejects.toMatchObject({ code: 'PROJECT_NOT_FOUND' });
  });

  it('records last use at most once a minute', async () => {
    const { project, secret } = await projectWithToken();
    const lastUsed = async () => (await store.listTokens(project.id))[0].lastUsedAtMs;
    const firstUseMs = nowMs;
    await store.authenticate(project.id, secret);
    expect(await lastUsed()).toBe(firstUseMs);
    nowMs += LAST_USED_WRITE_INTERVAL_MS - 1;
    await store.authenticate(project.id, secret);
    expect(await lastUsed()).toBe(firstUseMs);
    nowMs += 1;
    await store.authenticate(project.id, secret);
    expect(await lastUsed()).toBe(nowMs);
  });

  it('keeps everything across a reopen', async () => {
    const { project, secret } = await projectWithToken();
    await store.close();
    store = openSqliteAuthStore(dataDir, { nowMs: () => nowMs });
    expect(await store.getProject(project.id)).toEqual(project);
    expect(await store.authenticate(project.id, secret)).toBe(true);
  });
});
