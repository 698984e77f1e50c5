// The stats sampler over a real engine and real SQLite files, with a manual clock: one sample per
// active queue per minute, aggregated reads, retention.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock } from '../engine/clock';
import { QueueEngine } from '../engine/engine';
import { SqliteQueueStore } from '../engine/sqlite/sqlite-store';
import { STATS_RETENTION_MS, startStatsSampler, type StatsSampler } from './sampler';
import { openSqliteStatsStore } from './sqlite-stats-store';
import type { StatsStore } from './stats-store';

const PROJECT = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const MINUTE = 60_000;
// A minute boundary, so the first minute is a whole one.
const START = Date.UTC(2026, 0, 1, 12, 0, 0);

describe('stats sampler', () => {
  let dir: string;
  let clock: ManualClock;
  let store: SqliteQueueStore;
  let engine: QueueEngine;
  let stats: StatsStore;
  let sampler: StatsSampler;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ferro-stats-'));
    clock = new ManualClock(START);
    store = new SqliteQueueStore({ path: path.join(dir, 'queues.db') });
    engine = new QueueEngine({ store, clock });
    stats = openSqliteStatsStore(dir);
    sampler = startStatsSampler({ engine, stats, clock, log: () => {} });
  });

  afterEach(async () => {
    await sampler.stop();
    await stats.close();
    await store.close();
    rmSync(dir, { recursive: true, force: true });
  });

  /** Lets group commit flush and the sampler's minute flush finish. */
  const settle = () => new Promise((resolve) => setTimeout(resolve, 20));

  it('records one sample per active queue at the minute boundary, with its size and counts', async () => {
    await engine.postMessages(PROJECT, 'jobs', [{ body: 'a' }, { body: 'b' }, { body: 'c' }]);
    const [held] = await engine.reserveMessages(PROJECT, 'jobs', { n: 1 });
    await engine.deleteMessage(PROJECT, 'jobs', { id: held.id, reservationId: held.reservationId });
    await engine.postMessages(PROJECT, 'other', [{ body: 'x' }]);
    clock.advance(MINUTE);
    await settle();

    const samples = await stats.read(PROJECT, 'jobs', START, START + MINUTE, MINUTE);
    expect(samples).toEqual([
      { projectId: PROJECT, queueName: 'jobs', atMs: START, size: 2, totalMessages: 3, posted: 3, reserved: 1, removed: 1 },
    ]);
    expect(await stats.read(PROJECT, 'other', START, START + MINUTE, MINUTE)).toHaveLength(1);
  });

  it('writes nothing for a minute in which a queue was idle', async () => {
    await engine.postMessages(PROJECT, 'jobs', [{ body: 'a' }]);
    clock.advance(MINUTE);
    await settle();
    clock.advance(MINUTE);
    await settle();
    expect(await stats.read(PROJECT, 'jobs', START, START + 2 * MINUTE, MINUTE)).toHaveLength(1);
  });

  it('aggregates minutes into buckets: the largest size, the summed counts', async () => {
    for (let minute = 0; minute < 4; minute += 1) {
      await engine.postMessages(PROJECT, 'jobs', [{ body: `m${minute}` }]);
      clock.advance(MINUTE);
      await settle();
    }
    const buckets = await stats.read(PROJECT, 'jobs', START, START + 4 * MINUTE, 2 * MINUTE);
    expect(buckets.map(({ atMs, size, posted }) => ({ atMs, size, posted }))).toEqual([
      { atMs: START, size: 2, posted: 2 },
      { atMs: START + 2 * MINUTE, size: 4, posted: 2 },
    ]);
  });

  it('reports the minute in progress before it is recorded, and starts afresh after', async () => {
    expect(sampler.currentMinute(PROJECT, 'jobs')).toEqual({ atMs: START, posted: 0, reserved: 0, removed: 0 });
    clock.advance(10_000);
    await engine.postMessages(PROJECT, 'jobs', [{ body: 'a' }, { body: 'b' }]);
    await engine.reserveMessages(PROJECT, 'jobs', { n: 1 });
    expect(sampler.currentMinute(PROJECT, 'jobs')).toEqual({ atMs: START, posted: 2, reserved: 1, removed: 0 });
    expect(sampler.currentMinute(PROJECT, 'other').posted).toBe(0);

    clock.advance(MINUTE);
    await settle();
    expect(sampler.currentMinute(PROJECT, 'jobs')).toEqual({ atMs: START + MINUTE, posted: 0, reserved: 0, removed: 0 });
    expect((await stats.read(PROJECT, 'jobs', START, START + MINUTE, MINUTE))[0]).toMatchObject({ posted: 2, reserved: 1 });
  });

  it('prunes samples older than the retention period', async () => {
    await stats.record([{ projectId: PROJECT, queueName: 'old', atMs: START - STATS_RETENTION_MS - MINUTE, size: 1, totalMessages: 1, posted: 1, reserved: 0, removed: 0 }]);
    await engine.postMessages(PROJECT, 'jobs', [{ body: 'a' }]);
    clock.advance(MINUTE);
    await settle();
    expect(await stats.read(PROJECT, 'old', 0, START, MINUTE)).toEqual([]);
  });
});
