// What a person sees when a load balancer sends their requests to any instance: a HUD session
// started on instance A works on instance B (both sign with the key the database holds, with no
// NEXTAUTH_SECRET set), and an API token revoked through B stops working on A at its very next
// request (auth is never cached).
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendRequest } from '../helpers/api';
import type { ServerPair } from '../helpers/pg-pair';
import { ADMIN_EMAIL, ADMIN_PASSWORD, BffClient, HUD_SETUP_TIMEOUT_MS, signInOrThrow } from '../faults/support/hud';
import { startPair } from './support';

describe('scale-out: sessions and tokens on any instance', () => {
  let pair: ServerPair;

  beforeAll(async () => {
    // An empty NEXTAUTH_SECRET counts as unset, whatever the environment running the tests holds.
    pair = await startPair({ env: { FERRO_HUD: '1', NEXT_TELEMETRY_DISABLED: '1', NEXTAUTH_SECRET: '' } });
  }, HUD_SETUP_TIMEOUT_MS);

  it('the session key is the one the database holds, created by the first instance', async () => {
    const client = new pg.Client({ connectionString: pair.database.url });
    await client.connect();
    try {
      const { rows } = await client.query("SELECT value FROM ferro_settings WHERE name = 'nextauth_secret'");
      expect(rows).toHaveLength(1);
      expect(rows[0].value).toMatch(/^[A-Za-z0-9_-]{43}$/);
    } finally {
      await client.end();
    }
  });

  afterAll(async () => {
    await pair?.stop();
  });

  it('a session signed in on A is valid on B', async () => {
    const [a, b] = pair.instances;
    const cookie = await signInOrThrow(a.url, ADMIN_EMAIL, ADMIN_PASSWORD);
    const projects = await new BffClient(b.url, cookie).expect(200, 'GET', '/api/projects');
    expect(JSON.stringify(projects)).toContain(a.projectId);
  });

  it('a token made on A works on B, and once revoked through B fails on A at the next request', async () => {
    const [a, b] = pair.instances;
    const onA = new BffClient(a.url, await signInOrThrow(a.url, ADMIN_EMAIL, ADMIN_PASSWORD));
    const onB = new BffClient(b.url, await signInOrThrow(b.url, ADMIN_EMAIL, ADMIN_PASSWORD));
    const created = await onA.expect(201, 'POST', `/api/projects/${a.projectId}/tokens`, { name: 'short-lived' });
    const list = (server: { url: string }) => sendRequest(server.url, 'GET', `/3/projects/${a.projectId}/queues`, { Authorization: `OAuth ${created.secret}` });
    expect((await list(b)).status).toBe(200);
    expect((await list(a)).status).toBe(200);
    await onB.expect(200, 'DELETE', `/api/projects/${a.projectId}/tokens/${created.token.id}`);
    expect((await list(a)).status).toBe(401);
    expect((await list(b)).status).toBe(401);
  });
});
