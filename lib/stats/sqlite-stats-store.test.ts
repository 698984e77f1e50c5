// The SQLite stats store's lookups beyond the sampler's: the newest sample before an instant,
// which the HUD's charts carry into a range that opens with idle minutes.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { openSqliteStatsStore } from './sqlite-stats-store';
import type { QueueSample, StatsStore } from './stats-store';

const PROJECT = 'aaaaaaaaaaaaaaaaaaaaaaaa';
const MINUTE = 60_000;
const START = Date.UTC(2026, 0, 1, 12, 0, 0);

const sample = (queueName: string, minute: number, size: number): QueueSample => ({
  projectId: PROJECT,
  queueName,
  atMs: START + minute * MINUTE,
  size,
  totalMessages: size,
  posted: 1,
  reserved: 0,
  removed: 0,
});

describe('sqlite stats store', () => {
  let dir: string;
  let stats: StatsStore;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'ferro-stats-store-'));
    stats = openSqliteStatsStore(dir);
  });

  afterEach(async () => {
    await stats.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('finds the newest sample strictly before an instant, for that queue only', async () => {
    await stats.record([sample('jobs', 0, 4), sample('jobs', 5, 9), sample('jobs', 10, 2), sample('other', 7, 99)]);
    expect(await stats.latestBefore(PROJECT, 'jobs', START + 10 * MINUTE)).toEqual(sample('jobs', 5, 9));
    expect(await stats.latestBefore(PROJECT, 'jobs', START + 11 * MINUTE)).toEqual(sample('jobs', 10, 2));
    expect(await stats.latestBefore(PROJECT, 'jobs', START)).toBeUndefined();
    expect(await stats.latestBefore(PROJECT, 'missing', START + 60 * MINUTE)).toBeUndefined();
  });
});
