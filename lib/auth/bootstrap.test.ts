// First start: what bootstrapFirstStart creates, what it prints, and that it happens only once.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AuthStore } from './auth-store';
import { bootstrapFirstStart } from './bootstrap';
import { openSqliteAuthStore } from './sqlite-auth-store';

const PUBLIC_URL = new URL('http://localhost:8080');
/** Next's types make NODE_ENV required in ProcessEnv; these tests pass only the FERRO_* variables. */
const env = (vars: Record<string, string> = {}) => vars as NodeJS.ProcessEnv;
let dataDir: string;
let store: AuthStore;

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'ferro-bootstrap-'));
  store = openSqliteAuthStore(dataDir);
});

afterEach(async () => {
  await store.close();
  rmSync(dataDir, { recursive: true, force: true });
});

/** The value printed after `label` in the first-start text. */
function field(text: string, label: string): string {
  const match = text.match(new RegExp(`${label}\\s+(\\S+)`));
  if (!match) throw new Error(`no ${label} in:\n${text}`);
  return match[1];
}

describe('bootstrapFirstStart', () => {
  it('creates an admin, a first project and a token, and prints them with client settings', async () => {
    const text = await bootstrapFirstStart(store, env(), PUBLIC_URL);
    expect(text).not.toBeNull();
    const [email, password, projectId, token] = ['Admin email', 'Admin password', 'Project id', 'API token'].map((l) => field(text!, l));

    expect(email).toBe('admin@localhost');
    expect(password.length).toBeGreaterThanOrEqual(16);
    const admin = await store.verifyPassword(email, password);
    expect(admin?.isAdmin).toBe(true);

    expect(projectId).toMatch(/^[0-9a-f]{24}$/);
    expect(await store.getProject(projectId)).toMatchObject({ name: 'My First Project' });
    expect(await store.listProjectsForUser(admin!.id)).toHaveLength(1);
    expect(await store.authenticate(projectId, token)).toBe(true);
    expect(await store.listTokens(projectId)).toMatchObject([{ name: 'Default token' }]);

    const ironJson = JSON.parse(text!.slice(text!.indexOf('{'), text!.indexOf('}') + 1));
    expect(ironJson).toEqual({ token, project_id: projectId, host: 'localhost', port: 8080, scheme: 'http', protocol: 'http' });
    for (const line of [
      `export IRON_TOKEN=${token}`, `export IRON_PROJECT_ID=${projectId}`, 'export IRON_HOST=localhost',
      'export IRON_PORT=8080', 'export IRON_SCHEME=http', 'export IRON_PROTOCOL=http',
    ]) expect(text).toContain(line);
  });

  it('runs once: a second start returns null and changes nothing', async () => {
    const text = await bootstrapFirstStart(store, env(), PUBLIC_URL);
    const before = { users: await store.listUsers(), projects: await store.listProjects() };
    await store.close();
    store = openSqliteAuthStore(dataDir);
    const vars = { FERRO_ADMIN_EMAIL: 'other@example.com', FERRO_TOKEN: 'another-token-abcdefgh' };
    expect(await bootstrapFirstStart(store, env(vars), PUBLIC_URL)).toBeNull();
    expect({ users: await store.listUsers(), projects: await store.listProjects() }).toEqual(before);
    expect(await store.listTokens(field(text!, 'Project id'))).toHaveLength(1);
  });

  it('honours the FERRO_* overrides', async () => {
    const vars = {
      FERRO_ADMIN_EMAIL: 'ops@example.com',
      FERRO_ADMIN_PASSWORD: 'chosen-password',
      FERRO_PROJECT_ID: '5f1e2d3c4b5a69788796a5b4',
      FERRO_TOKEN: 'ferro-test-token-0123456789',
    };
    const text = await bootstrapFirstStart(store, env(vars), new URL('https://mq.example.com'));
    expect(await store.verifyPassword('ops@example.com', 'chosen-password')).toMatchObject({ isAdmin: true });
    expect(await store.authenticate('5f1e2d3c4b5a69788796a5b4', 'ferro-test-token-0123456789')).toBe(true);
    expect(text).toContain('"port": 443');
    expect(text).toContain('export IRON_SCHEME=https');
    // The operator already knows a password they chose; it stays out of the logs.
    expect(text).not.toContain('chosen-password');
  });

  it('rejects an invalid FERRO_PROJECT_ID before creating anything', async () => {
    const vars = { FERRO_PROJECT_ID: 'My-Project' };
    await expect(bootstrapFirstStart(store, env(vars), PUBLIC_URL)).rejects.toThrow(/FERRO_PROJECT_ID: .*24 lowercase hex/);
    expect(await store.listUsers()).toEqual([]);
    expect(await store.listProjects()).toEqual([]);
  });

  it('rejects an invalid FERRO_TOKEN or FERRO_ADMIN_PASSWORD with the variable named', async () => {
    await expect(bootstrapFirstStart(store, env({ FERRO_TOKEN: 'has spaces in it' }), PUBLIC_URL)).rejects.toThrow(/^FERRO_TOKEN: /);
    await expect(bootstrapFirstStart(store, env({ FERRO_ADMIN_PASSWORD: 'short' }), PUBLIC_URL)).rejects.toThrow(/^FERRO_ADMIN_PASSWORD: /);
    expect(await store.listProjects()).toEqual([]);
  });

  it('completes on the next start after a failure that left the project and token behind', async () => {
    const vars = { FERRO_PROJECT_ID: '5f1e2d3c4b5a69788796a5b4', FERRO_TOKEN: 'ferro-test-token-0123456789' };
    const project = await store.createProject({ name: 'My First Project', id: vars.FERRO_PROJECT_ID });
    await store.createToken(project.id, 'Default token', { token: vars.FERRO_TOKEN });
    expect(await bootstrapFirstStart(store, env(vars), PUBLIC_URL)).toContain(vars.FERRO_TOKEN);
    expect(await store.listProjects()).toHaveLength(1);
    expect(await store.listTokens(project.id)).toHaveLength(1);
  });
});
