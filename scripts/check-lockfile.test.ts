// The lockfile guard against real lockfiles: the project's own passes, and the shapes that once
// broke `npm ci` on fresh machines are refused with instructions to regenerate.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const CHECKER = path.join(__dirname, 'check-lockfile.mjs');
const ROOT_LOCK = path.join(__dirname, '..', 'package-lock.json');

function check(lockPath?: string) {
  const result = spawnSync(process.execPath, [CHECKER, ...(lockPath ? [lockPath] : [])], { encoding: 'utf8' });
  return { status: result.status, output: result.stdout + result.stderr };
}

function lockWith(edit: (packages: Record<string, Record<string, unknown>>) => void): string {
  const lock = JSON.parse(readFileSync(ROOT_LOCK, 'utf8'));
  edit(lock.packages);
  const file = path.join(mkdtempSync(path.join(tmpdir(), 'ferro-lock-')), 'package-lock.json');
  writeFileSync(file, JSON.stringify(lock));
  return file;
}

describe('package-lock.json guard', () => {
  it('accepts the committed lockfile', () => {
    const { status, output } = check();
    expect(output).toMatch(/each with a version and an integrity hash/);
    expect(status).toBe(0);
  });

  it('refuses a versionless stub, naming it and how to regenerate', () => {
    const { status, output } = check(lockWith((packages) => {
      packages['node_modules/next/node_modules/@next/swc-darwin-arm64'] = { dev: false, optional: true };
    }));
    expect(status).toBe(1);
    expect(output).toContain('node_modules/next/node_modules/@next/swc-darwin-arm64 has no version');
    expect(output).toContain('npm install --package-lock-only');
  });

  it('refuses an entry without an integrity hash unless npm bundles it', () => {
    const missing = check(lockWith((packages) => {
      delete packages['node_modules/react'].integrity;
    }));
    expect(missing.status).toBe(1);
    expect(missing.output).toContain('node_modules/react has no integrity hash');

    const bundled = check(lockWith((packages) => {
      delete packages['node_modules/react'].integrity;
      packages['node_modules/react'].inBundle = true;
    }));
    expect(bundled.status).toBe(0);
  });
});
