// How the PostgreSQL store counts (queue-counts.ts), beyond what the conformance suite checks:
// writes to a queue without alerts count in shards and do not wait for a transaction holding the
// queue row's counters; a queue with alerts counts exactly on its row and has no shards, also when
// alerts are added to a queue that had some; clear and delete take the shards with them.
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { defaultQueueSettings } from '../queue-settings';
import { newProjectId } from '../store-conformance.test-helpers';
import type { NewMessage, QueueSettings } from '../types';
import { PostgresDatabase } from './database';
import { PostgresQueueStore } from './postgres-store';
import { QUEUE_STORE_COMPONENT, QUEUE_STORE_MIGRATIONS } from './schema';
import { createTestDatabase, type TestDatabase } from './test-database.test-helpers';

const NOW = 1_800_000_000_000;
const messages = (n: number): NewMessage[] => Array.from({ length: n }, (_, i) => ({ body: `m${i}`, delayMs: 0, pushHeaders: null }));
const withAlert = (settings: QueueSettings): QueueSettings => ({
  ...settings,
  alerts: [{ id: 'a1', type: 'fixed', trigger: 1000, direction: 'asc', queue: 'alarms', snoozeMs: 0 }],
});

let testDatabase: TestDatabase;
let database: PostgresDatabase;
let store: PostgresQueueStore;
let raw: pg.Client;
let projectId: string;

beforeAll(async () => {
  testDatabase = await createTestDatabase('queue_counts');
});

afterAll(async () => {
  await testDatabase?.drop();
});

beforeEach(async () => {
  database = new PostgresDatabase({ connectionString: testDatabase.url, maxConnections: 8 });
  store = await PostgresQueueStore.open({ database, isListening: false });
  raw = new pg.Client({ connectionString: testDatabase.url });
  await raw.connect();
  projectId = newProjectId();
});

afterEach(async () => {
  await raw.query('ROLLBACK').catch(() => {});
  await raw.end();
  await store.close();
  await database.close();
});

async function shardsOf(name: string): Promise<number> {
  const { rows } = await raw.query(
    'SELECT COUNT(*)::int AS n FROM queue_counts c JOIN queues q ON q.qid = c.qid WHERE q.project_id = $1 AND q.name = $2',
    [projectId, name],
  );
  return rows[0].n;
}

/** Holds the queue row's counter lock (as an exact count update would) in `raw`'s open transaction. */
async function holdCounterLock(name: string): Promise<void> {
  await raw.query('BEGIN');
  await raw.query('UPDATE queues SET size = size WHERE project_id = $1 AND name = $2', [projectId, name]);
}

/** Settles with 'done' or, after `ms`, 'waiting'. */
function within<T>(work: Promise<T>, ms: number): Promise<'done' | 'waiting'> {
  return Promise.race([work.then(() => 'done' as const), new Promise<'waiting'>((resolve) => setTimeout(() => resolve('waiting'), ms))]);
}

describe('PostgreSQL queue counters', () => {
  it('keeps the sizes of a database made before shards existed (schema version 1)', async () => {
    const old = new PostgresDatabase({ connectionString: testDatabase.url, schema: 'before_shards', maxConnections: 1 });
    try {
      await old.migrate(QUEUE_STORE_COMPONENT, QUEUE_STORE_MIGRATIONS.filter((migration) => migration.version === 1));
      await old.rows(
        `INSERT INTO queues (project_id, name, qid, id, settings, size, total_messages, created_at)
         VALUES ($1, 'kept', nextval('queue_spaces'), 'aaaaaaaaaaaaaaaaaaaaaaaa', $2, 3, 7, $3)`,
        [projectId, JSON.stringify(defaultQueueSettings()), NOW],
      );
    } finally {
      await old.close();
    }
    const upgraded = new PostgresDatabase({ connectionString: testDatabase.url, schema: 'before_shards', maxConnections: 4 });
    const reopened = await PostgresQueueStore.open({ database: upgraded, isListening: false });
    try {
      expect(await reopened.getQueue(projectId, 'kept')).toMatchObject({ size: 3, totalMessages: 7 });
      await reopened.postMessages(projectId, 'kept', messages(2), NOW);
      await reopened.postMessages(projectId, 'kept', messages(2), NOW);
      expect(await reopened.getQueue(projectId, 'kept')).toMatchObject({ size: 7, totalMessages: 11 });
    } finally {
      await reopened.close();
      await upgraded.close();
    }
  });

  it('counts concurrent posts and deletes exactly, in shards', async () => {
    await store.postMessages(projectId, 'busy', messages(1), NOW);
    // Twice the pool: every connection posts several times at once.
    await Promise.all(Array.from({ length: 16 }, () => store.postMessages(projectId, 'busy', messages(10), NOW)));
    const { messages: taken } = await store.reserveMessages(projectId, 'busy', { n: 25, isDelete: false }, NOW);
    await store.deleteMessages(projectId, 'busy', taken.map(({ id, reservationId }) => ({ id, reservationId })), NOW);
    await Promise.all(Array.from({ length: 4 }, () => store.reserveMessages(projectId, 'busy', { n: 10, isDelete: true }, NOW)));

    const queue = await store.getQueue(projectId, 'busy');
    expect(queue).toMatchObject({ size: 161 - 25 - 40, totalMessages: 161 });
    expect(await shardsOf('busy')).toBeGreaterThan(0);
  });

  it('posts and takes without waiting for a transaction that holds the queue row', async () => {
    await store.postMessages(projectId, 'free', messages(5), NOW);
    await holdCounterLock('free');
    expect(await within(store.postMessages(projectId, 'free', messages(3), NOW), 2_000)).toBe('done');
    expect(await within(store.reserveMessages(projectId, 'free', { n: 2, isDelete: true }, NOW), 2_000)).toBe('done');
    await raw.query('COMMIT');
    expect(await store.getQueue(projectId, 'free')).toMatchObject({ size: 6, totalMessages: 8 });
  });

  it('counts a queue with alerts on its row: shards fold in when alerts are added', async () => {
    await Promise.all(Array.from({ length: 8 }, () => store.postMessages(projectId, 'watched', messages(5), NOW)));
    expect(await shardsOf('watched')).toBeGreaterThan(0);

    const { queue } = await store.saveQueue(projectId, 'watched', (current) => withAlert(current!), NOW);
    expect(queue).toMatchObject({ size: 40, totalMessages: 40 });
    expect(await shardsOf('watched')).toBe(0);

    // Each change's after is exact, one at a time: the alert monitor judges from it.
    const afters = await Promise.all(Array.from({ length: 6 }, () => store.postMessages(projectId, 'watched', messages(2), NOW)));
    expect(afters.map((posted) => posted.queue.size).sort((a, b) => a - b)).toEqual([42, 44, 46, 48, 50, 52]);
    const taken = await store.reserveMessages(projectId, 'watched', { n: 2, isDelete: true }, NOW);
    expect(taken.queue.size).toBe(50);
    expect(await shardsOf('watched')).toBe(0);

    // And it waits for whoever holds the row's counters.
    await holdCounterLock('watched');
    const post = store.postMessages(projectId, 'watched', messages(1), NOW);
    expect(await within(post, 300)).toBe('waiting');
    await raw.query('COMMIT');
    expect((await post).queue.size).toBe(51);
  });

  it('counts in shards again once the alerts are removed, and clear and delete take the shards along', async () => {
    await store.saveQueue(projectId, 'calm', () => withAlert(defaultQueueSettings()), NOW);
    await store.postMessages(projectId, 'calm', messages(4), NOW);
    await store.saveQueue(projectId, 'calm', (current) => ({ ...current!, alerts: [] }), NOW);
    await Promise.all(Array.from({ length: 4 }, () => store.postMessages(projectId, 'calm', messages(3), NOW)));
    expect(await shardsOf('calm')).toBeGreaterThan(0);
    expect(await store.getQueue(projectId, 'calm')).toMatchObject({ size: 16, totalMessages: 16 });

    const { removed, queue } = await store.clearMessages(projectId, 'calm');
    expect(removed).toBe(16);
    expect(queue).toMatchObject({ size: 0, totalMessages: 16 });
    expect(await shardsOf('calm')).toBe(0);

    await store.postMessages(projectId, 'calm', messages(2), NOW);
    await store.deleteQueue(projectId, 'calm');
    // No shard outlives its queue's message space.
    const orphans = await raw.query('SELECT COUNT(*)::int AS n FROM queue_counts c WHERE NOT EXISTS (SELECT 1 FROM queues q WHERE q.qid = c.qid)');
    expect(orphans.rows[0].n).toBe(0);
  });
});
