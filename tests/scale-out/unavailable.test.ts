// An instance whose PostgreSQL goes away (connections cut, none allowed: a failover or a restart
// of the database) answers 503 with the storage message, which clients retry — never a 500 — and
// reports itself unready; once the database takes connections again the same process serves again.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sendRequest } from '../helpers/api';
import { eventually } from '../helpers/push-api';
import { startServer, type TestServer } from '../helpers/server';
import { createTestDatabase, TEST_SERVER_URL, type TestDatabase } from '../../lib/engine/postgres/test-database.test-helpers';

async function onServer(sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_SERVER_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

describe('scale-out: the database goes away and comes back', () => {
  let database: TestDatabase;
  let server: TestServer;

  beforeAll(async () => {
    database = await createTestDatabase('unavailable');
    server = await startServer({ topology: 'single', env: { FERRO_DATABASE_URL: database.url } });
  });

  afterAll(async () => {
    await onServer(`ALTER DATABASE ${database.name} WITH ALLOW_CONNECTIONS true`).catch(() => {});
    await server?.stop();
    await database?.drop();
  });

  it('answers 503, not 500, while PostgreSQL refuses connections, and recovers by itself', async () => {
    const auth = { Authorization: `OAuth ${server.token}`, 'Content-Type': 'application/json' };
    const post = () => sendRequest(server.url, 'POST', `/3/projects/${server.projectId}/queues/q/messages`, auth, Buffer.from('{"messages":[{"body":"x"}]}'));
    expect((await post()).status).toBe(201);

    await onServer(`ALTER DATABASE ${database.name} WITH ALLOW_CONNECTIONS false`);
    await onServer(`SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '${database.name}'`);
    const refused = await post();
    expect(refused.status, server.output().slice(-3000)).toBe(503);
    expect(refused.body.msg).toMatch(/Storage is unavailable/);
    const reserve = await sendRequest(server.url, 'POST', `/3/projects/${server.projectId}/queues/q/reservations`, auth, Buffer.from('{}'));
    expect(reserve.status).toBe(503);
    expect((await sendRequest(server.url, 'GET', '/readyz', {})).status).toBe(503);
    expect(server.output()).not.toMatch(/internal error/);

    await onServer(`ALTER DATABASE ${database.name} WITH ALLOW_CONNECTIONS true`);
    await eventually(() => post(), (res) => res.status === 201, 15_000, 'posts accepted again');
    await eventually(() => sendRequest(server.url, 'GET', '/readyz', {}), (res) => res.status === 200, 15_000, 'ready again');
  });
});
