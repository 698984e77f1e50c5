// /healthz and /readyz for load balancers, /readyz turning 503 on a nearly full disk and back
// (a real tmpfs the test mounts; skipped with the reason where mounting is not allowed), and the
// request log: JSON lines with the request id the client sees, and never a token or a body.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statfsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sendRequest, useApiServer } from '../helpers/api';
import { startServer, type TestServer } from '../helpers/server';

const api = useApiServer({ env: { FERRO_LOG_LEVEL: 'debug' } });

describe('health checks', () => {
  it('/healthz and /readyz answer without a token', async () => {
    const health = await sendRequest(api.server.url, 'GET', '/healthz', {});
    expect(health.status).toBe(200);
    expect(health.body).toMatchObject({ status: 'ok' });
    const ready = await sendRequest(api.server.url, 'GET', '/readyz', {});
    expect(ready.status).toBe(200);
    expect(ready.body).toEqual({ status: 'ready' });
  });

  describe('on a disk that fills up', () => {
    let dir = '';
    let server: TestServer | undefined;
    afterAll(async () => {
      await server?.stop();
      if (dir) {
        execFileSync('umount', [dir], { stdio: 'pipe' });
        rmSync(dir, { recursive: true, force: true });
      }
    });

    it('/readyz turns 503 with the reason, and back once there is room', async (ctx) => {
      const mountPoint = mkdtempSync(path.join(tmpdir(), 'ferro-ready-'));
      try {
        execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=128m', 'tmpfs', mountPoint], { stdio: 'pipe' });
      } catch {
        rmSync(mountPoint, { recursive: true, force: true });
        ctx.skip();
        return;
      }
      dir = mountPoint;
      server = await startServer({ dataDir: path.join(dir, 'data') });
      expect((await sendRequest(server.url, 'GET', '/readyz', {})).status).toBe(200);
      const { bavail, bsize } = statfsSync(dir);
      const ballast = path.join(dir, 'ballast');
      writeFileSync(ballast, Buffer.alloc(bavail * bsize - 16 * 1024 * 1024));
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      const full = await sendRequest(server.url, 'GET', '/readyz', {});
      expect(full.status).toBe(503);
      expect(full.body.reasons.join(' ')).toMatch(/data disk has \d+ MiB free/);
      rmSync(ballast);
      await new Promise((resolve) => setTimeout(resolve, 1_100));
      expect((await sendRequest(server.url, 'GET', '/readyz', {})).status).toBe(200);
    });
  });
});

describe('request log', () => {
  it('is JSON lines carrying the request id the client got, never the token or the body', async () => {
    const secretBody = 'body-that-must-not-be-logged';
    const posted = await api.request('POST', api.paths.messages('logged'), { json: { messages: [{ body: secretBody }] }, headers: { 'X-Request-Id': 'client-chosen.id-42' } });
    expect(posted.headers['x-request-id']).toBe('client-chosen.id-42');
    const refused = await api.request('GET', api.paths.queue('no-such-queue'));
    const generatedId = refused.headers['x-request-id'] as string;
    expect(generatedId).toMatch(/^[0-9a-f]{16}$/);
    const forged = await api.request('GET', api.paths.queue('logged'), { headers: { 'X-Request-Id': 'bad id {"level":60}' } });
    expect(forged.headers['x-request-id']).toMatch(/^[0-9a-f]{16}$/);
    await new Promise((resolve) => setTimeout(resolve, 100));

    const lines = api.server.output().split('\n').filter((line) => line.startsWith('{"level"'));
    const entries = lines.map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(entries.length).toBeGreaterThan(2);
    expect(entries.find((entry) => entry.reqId === 'client-chosen.id-42')).toMatchObject({ status: 201, route: '/3/projects/{project}/queues/{queue}/messages', projectId: api.server.projectId });
    expect(entries.find((entry) => entry.reqId === generatedId)).toMatchObject({ status: 404, level: 30 });
    const log = lines.join('\n');
    expect(log).not.toContain(api.server.token);
    expect(log).not.toContain(secretBody);
  });
});
