// Probe 4 of the fault suite: a full disk. The server runs on a small tmpfs the test mounts (as
// root; elsewhere the probe says it was skipped and why), posts fill it, and then: writes must
// answer 503 with a clear msg and change nothing, reads must keep working, writes must work
// again by themselves once space returns, and every acknowledged message must still be there.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { startServer, type TestServer } from '../helpers/server';
import { ProbeClient, sleep } from './support/client';
import { ProbeReport } from './support/report';

const TMPFS_BYTES = 24 * 1024 * 1024;
/** Room left after the ballast file: enough to start, small enough to fill in seconds. */
const HEADROOM_BYTES = 3 * 1024 * 1024;
const BODY = 'f'.repeat(4_000);

/** Mounts a tmpfs of `bytes`; undefined (with the reason) where this machine does not allow it. */
function mountSmallDisk(bytes: number): { dir: string; unmount: () => void } | { reason: string } {
  const dir = mkdtempSync(path.join(tmpdir(), 'ferro-full-'));
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${bytes}`, 'tmpfs', dir], { stdio: 'pipe' });
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    return { reason: `cannot mount a tmpfs here (${String(error).split('\n')[0]}); run as root to include this probe` };
  }
  return {
    dir,
    unmount() {
      execFileSync('umount', [dir], { stdio: 'pipe' });
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const freeBytes = (dir: string) => {
  const stats = statfsSync(dir);
  return stats.bavail * stats.bsize;
};

describe('fault probe 4: disk full', () => {
  const report = new ProbeReport('disk full (tmpfs)');
  let server: TestServer | undefined;
  let disk: ReturnType<typeof mountSmallDisk> | undefined;
  afterAll(async () => {
    report.print();
    await server?.stop();
    if (disk && 'unmount' in disk) disk.unmount();
  });

  it('answers 503 while full, keeps reading, recovers by itself and keeps every acknowledged message', async (ctx) => {
    disk = mountSmallDisk(TMPFS_BYTES);
    if ('reason' in disk) {
      report.figure('skipped', disk.reason);
      ctx.skip();
      return;
    }
    const dataDir = path.join(disk.dir, 'data');
    server = await startServer({ dataDir });
    const api = new ProbeClient(server, 'full');
    expect((await api.call('POST', '/messages', { messages: [{ body: 'first' }] })).kind).toBe('ok');
    const ballast = path.join(disk.dir, 'ballast');
    writeFileSync(ballast, Buffer.alloc(Math.max(0, freeBytes(disk.dir) - HEADROOM_BYTES)));

    const acknowledged = new Set<string>();
    let firstRefusal: { status: number; msg: string } | undefined;
    for (let batch = 0; batch < 2_000 && !firstRefusal; batch += 1) {
      const outcome = await api.call('POST', '/messages', { messages: Array.from({ length: 10 }, () => ({ body: BODY })) });
      if (outcome.kind === 'ok') outcome.response.body.ids.forEach((id: string) => acknowledged.add(id));
      else if (outcome.kind === 'refused') firstRefusal = { status: outcome.response.status, msg: outcome.response.body?.msg };
      else throw new Error(`the server stopped answering: ${outcome.error}`);
    }
    report.check(firstRefusal?.status === 503, `a write on a full disk answered ${JSON.stringify(firstRefusal)}, not 503`);
    report.check(/storage/i.test(firstRefusal?.msg ?? ''), `the 503 says why: ${firstRefusal?.msg}`);

    // While full, a write is refused with 503 — or, when a failed batch left a little room, it
    // fits and is acknowledged (and must then survive like any other). Nothing else is allowed.
    for (let i = 0; i < 20; i += 1) {
      const write = await api.call('POST', '/messages', { messages: [{ body: BODY }] });
      if (write.kind === 'ok') write.response.body.ids.forEach((id: string) => acknowledged.add(id));
      const isAllowed = write.kind === 'ok' || (write.kind === 'refused' && write.response.status === 503);
      report.check(isAllowed, `write ${i} while full answered ${write.kind === 'unknown' || write.kind === 'down' ? write.kind : write.response.status}`);
      const queues = new ProbeClient(server, '');
      const reads = { 'queue info': () => api.call('GET', ''), peek: () => api.call('GET', '/messages?n=5'), 'queue list': () => queues.call('GET', '') };
      for (const [what, read] of Object.entries(reads)) {
        const outcome = await read();
        report.check(outcome.kind === 'ok', `${what} while full answered ${outcome.kind === 'unknown' || outcome.kind === 'down' ? outcome.kind : outcome.response.status}`);
      }
    }

    rmSync(ballast);
    let recovered = false;
    for (const deadlineMs = Date.now() + 10_000; !recovered && Date.now() < deadlineMs; await sleep(200)) {
      const outcome = await api.call('POST', '/messages', { messages: [{ body: 'after' }] });
      if (outcome.kind === 'ok') {
        recovered = true;
        outcome.response.body.ids.forEach((id: string) => acknowledged.add(id));
      }
    }
    report.check(recovered, 'writes did not work again after space returned');

    await server.restart();
    const stored = new Set<string>();
    const drain = new ProbeClient(server, 'full');
    for (;;) {
      const outcome = await drain.call('POST', '/reservations', { n: 100, delete: true });
      if (outcome.kind !== 'ok' || outcome.response.body.messages.length === 0) break;
      for (const message of outcome.response.body.messages) stored.add(message.id);
    }
    report.checkAll(acknowledged.size, [...acknowledged].filter((id) => !stored.has(id)).map((id) => `acknowledged message ${id} is gone`));
    await server.stop();
    server = undefined;
    const db = new Database(path.join(dataDir, 'queues.db'), { readonly: true });
    const integrity = db.pragma('integrity_check', { simple: true });
    db.close();
    report.check(integrity === 'ok', `queues.db integrity_check says ${String(integrity)}`);
    report.figure('acknowledged before and after the disk filled', acknowledged.size);
    report.figure('first refusal', JSON.stringify(firstRefusal));
    expect(report.failed).toEqual([]);
  });
});
