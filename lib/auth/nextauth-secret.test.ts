// The session secret: taken from the env when set, otherwise created once and reused from the data dir.
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { NEXTAUTH_SECRET_FILE, prepareNextAuthEnv } from './nextauth-secret';

const PUBLIC_URL = new URL('http://localhost:8080');
const env = (vars: Record<string, string> = {}) => vars as NodeJS.ProcessEnv;
let dataDir: string;

beforeEach(() => {
  dataDir = mkdtempSync(path.join(tmpdir(), 'ferro-nextauth-'));
});

afterEach(() => {
  rmSync(dataDir, { recursive: true, force: true });
});

describe('prepareNextAuthEnv', () => {
  it('creates a secret file readable only by the owner on first start and sets the env', () => {
    const vars = env();
    const secret = prepareNextAuthEnv(vars, dataDir, PUBLIC_URL);
    const file = path.join(dataDir, NEXTAUTH_SECRET_FILE);
    expect(secret.length).toBeGreaterThanOrEqual(40);
    expect(vars.NEXTAUTH_SECRET).toBe(secret);
    expect(readFileSync(file, 'utf8').trim()).toBe(secret);
    expect(statSync(file).mode & 0o077).toBe(0);
  });

  it('reuses the stored secret on later starts', () => {
    const first = prepareNextAuthEnv(env(), dataDir, PUBLIC_URL);
    expect(prepareNextAuthEnv(env(), dataDir, PUBLIC_URL)).toBe(first);
  });

  it('keeps NEXTAUTH_SECRET and NEXTAUTH_URL from the environment and writes no file', () => {
    const vars = env({ NEXTAUTH_SECRET: 'from-env', NEXTAUTH_URL: 'https://hud.example.com' });
    expect(prepareNextAuthEnv(vars, dataDir, PUBLIC_URL)).toBe('from-env');
    expect(vars.NEXTAUTH_URL).toBe('https://hud.example.com');
    expect(() => statSync(path.join(dataDir, NEXTAUTH_SECRET_FILE))).toThrow();
  });

  it('sets NEXTAUTH_URL to the public origin when unset', () => {
    const vars = env();
    prepareNextAuthEnv(vars, dataDir, new URL('http://127.0.0.1:18500'));
    expect(vars.NEXTAUTH_URL).toBe('http://127.0.0.1:18500');
  });
});
