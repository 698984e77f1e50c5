// `npm run backup` while clients keep posting, then `npm run restore` into an empty directory:
// the restored server holds every message acknowledged before the backup began, intact, and
// the tools refuse to overwrite anything.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ApiClient } from '../helpers/api';
import { startServer, type TestServer } from '../helpers/server';

const ROOT = path.resolve(__dirname, '../..');
const scratch = mkdtempSync(path.join(tmpdir(), 'ferro-backup-'));
const servers: TestServer[] = [];
afterAll(async () => {
  for (const server of servers) await server.stop();
  rmSync(scratch, { recursive: true, force: true });
});

function runScript(script: string, dir: string, dataDir: string) {
  const result = spawnSync(process.execPath, [path.join(ROOT, 'scripts', script), dir], { env: { ...process.env, FERRO_DATA_DIR: dataDir }, encoding: 'utf8' });
  return { status: result.status, output: result.stdout + result.stderr };
}

describe('backup and restore', () => {
  it('a backup taken under load restores every message acknowledged before it began', async () => {
    const live = await startServer({ dataDir: path.join(scratch, 'live') });
    servers.push(live);
    const api = new ApiClient(() => live);
    const acknowledgedAt = new Map<string, number>();
    let isPosting = true;
    const posters = Array.from({ length: 4 }, async (_, client) => {
      for (let seq = 0; isPosting; seq += 1) {
        const res = await api.postMessages('under-load', [`${client}:${seq}`]);
        if (res.status === 201) acknowledgedAt.set(res.body.ids[0], Date.now());
      }
    });
    await new Promise((resolve) => setTimeout(resolve, 500));
    const backupStartedAt = Date.now();
    const backup = runScript('backup.mjs', path.join(scratch, 'backup'), path.join(scratch, 'live'));
    await new Promise((resolve) => setTimeout(resolve, 300));
    isPosting = false;
    await Promise.all(posters);
    expect(backup.status, backup.output).toBe(0);

    const restore = runScript('restore.mjs', path.join(scratch, 'backup'), path.join(scratch, 'restored'));
    expect(restore.status, restore.output).toBe(0);
    const restored = await startServer({ dataDir: path.join(scratch, 'restored') });
    servers.push(restored);
    const restoredApi = new ApiClient(() => restored);
    const present = new Set<string>();
    for (;;) {
      const page = await restoredApi.reserveOrThrow('under-load', { n: 100, delete: true });
      if (page.length === 0) break;
      for (const message of page) {
        expect(message.body).toMatch(/^\d+:\d+$/);
        present.add(message.id);
      }
    }
    const before = [...acknowledgedAt].filter(([, at]) => at < backupStartedAt).map(([id]) => id);
    expect(before.length).toBeGreaterThan(10);
    expect(before.filter((id) => !present.has(id))).toEqual([]);
    // The restored project still accepts the live server's token: auth.db came along.
    expect((await restoredApi.request('GET', restoredApi.paths.queues())).status).toBe(200);
  });

  it('never overwrites: a non-empty backup directory or data directory is refused', () => {
    const taken = path.join(scratch, 'taken');
    rmSync(taken, { recursive: true, force: true });
    writeFileSync(path.join(scratch, 'marker'), 'x');
    expect(runScript('backup.mjs', scratch, path.join(scratch, 'live')).status).toBe(2);
    expect(runScript('restore.mjs', path.join(scratch, 'backup'), scratch).output).toMatch(/is not empty/);
    expect(runScript('restore.mjs', path.join(scratch, 'nowhere'), taken).output).toMatch(/not a Ferro backup/);
  });
});
