// Two engines, each on its own PostgresQueueStore over one schema, as two Ferro instances would
// be: arrivals on one wake long polls and the pusher's arrival listener on the other within
// milliseconds, other instances' changes never reach change listeners (stats, alerts), and an
// instance does not hear its own arrivals back.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { Arrival } from '../arrivals';
import { systemClock } from '../clock';
import { QueueEngine } from '../engine';
import type { QueueChange } from '../queue-changes';
import { newProjectId } from '../store-conformance.test-helpers';
import { PostgresDatabase } from './database';
import { PostgresQueueStore } from './postgres-store';
import { createTestDatabase, type TestDatabase } from './test-database.test-helpers';

interface Instance {
  engine: QueueEngine;
  arrivals: Arrival[];
  changes: QueueChange[];
  close(): Promise<void>;
}

let testDatabase: TestDatabase;

beforeAll(async () => {
  testDatabase = await createTestDatabase('cross_instance');
});

afterAll(async () => {
  await testDatabase?.drop();
});

async function openInstance(): Promise<Instance> {
  const database = new PostgresDatabase({ connectionString: testDatabase.url, maxConnections: 4 });
  const store = await PostgresQueueStore.open({ database });
  const engine = new QueueEngine({ store, clock: systemClock });
  engine.changes.link(store.arrivals!);
  const instance: Instance = { engine, arrivals: [], changes: [], close: async () => {
    engine.changes.endLongPolls();
    await store.close();
    await database.close();
  } };
  engine.changes.onArrival((arrival) => instance.arrivals.push(arrival));
  engine.changes.listen((change) => instance.changes.push(change));
  return instance;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('two instances on one PostgreSQL schema', () => {
  let a: Instance;
  let b: Instance;
  let projectId: string;

  beforeEach(async () => {
    [a, b] = await Promise.all([openInstance(), openInstance()]);
    projectId = newProjectId();
  });

  afterEach(async () => {
    await Promise.all([a.close(), b.close()]);
  });

  it('a long poll on B wakes within milliseconds of a post on A', async () => {
    await a.engine.createQueue(projectId, 'q');
    const wakeUps: number[] = [];
    for (let round = 0; round < 20; round += 1) {
      const poll = b.engine.reserveMessages(projectId, 'q', { waitMs: 5_000 });
      await sleep(30);
      const postedAt = performance.now();
      await a.engine.postMessages(projectId, 'q', [{ body: `m${round}` }]);
      const [message] = await poll;
      wakeUps.push(performance.now() - postedAt);
      expect(message.body).toBe(`m${round}`);
    }
    wakeUps.sort((x, y) => x - y);
    // Far below any polling interval: a notification, not a timer, woke the poll.
    expect(wakeUps[Math.floor(wakeUps.length / 2)]).toBeLessThan(50);
    expect(wakeUps.at(-1)).toBeLessThan(500);
  });

  it('a release and a delayed post on A reschedule a long poll on B', async () => {
    await a.engine.postMessages(projectId, 'q', [{ body: 'held' }]);
    const [held] = await a.engine.reserveMessages(projectId, 'q', { timeoutMs: 60_000 });
    const poll = b.engine.reserveMessages(projectId, 'q', { waitMs: 10_000 });
    await sleep(30);
    const startedAt = performance.now();
    await a.engine.releaseMessage(projectId, 'q', { id: held.id, reservationId: held.reservationId });
    expect((await poll).map((m) => m.body)).toEqual(['held']);
    expect(performance.now() - startedAt).toBeLessThan(1_000);

    const later = b.engine.reserveMessages(projectId, 'q', { waitMs: 10_000 });
    await sleep(30);
    await a.engine.postMessages(projectId, 'q', [{ body: 'soon', delayMs: 300 }]);
    const laterStartedAt = performance.now();
    // The post itself makes nothing available now; B wakes when the delay ends, not at its deadline.
    expect((await later).map((m) => m.body)).toEqual(['soon']);
    expect(performance.now() - laterStartedAt).toBeLessThan(2_000);
  });

  it("B's arrival listeners hear A's posts to push queues; B's change listeners hear nothing of A's", async () => {
    await a.engine.createQueue(projectId, 'pushed', { type: 'multicast', push: { subscribers: [{ name: 's', url: 'http://127.0.0.1:9/', headers: {} }] } });
    await a.engine.postMessages(projectId, 'pushed', [{ body: 'x' }, { body: 'y' }]);
    await a.engine.postMessages(projectId, 'pull', [{ body: 'z' }]);
    const deadline = Date.now() + 2_000;
    while (b.arrivals.length < 2 && Date.now() < deadline) await sleep(5);
    expect(b.arrivals.filter((arrival) => arrival.projectId === projectId).map(({ queueName, readyCount, isPush }) => ({ queueName, readyCount, isPush }))).toEqual([
      { queueName: 'pushed', readyCount: 2, isPush: true },
      { queueName: 'pull', readyCount: 1, isPush: false },
    ]);
    expect(b.changes.filter((change) => change.projectId === projectId)).toEqual([]);
    // A hears its own changes once, through the change signal, and never its own notifications back.
    expect(a.changes.filter((change) => change.projectId === projectId).map((change) => change.queueName)).toEqual(['pushed', 'pull']);
    await sleep(50);
    expect(a.arrivals.filter((arrival) => arrival.projectId === projectId)).toHaveLength(2);
  });
});
