// Shaping a queue's history for the charts: the bucket grid, idle buckets filled, rates per
// second, and the sampler's minute in progress counted before it is recorded.
import { describe, expect, it } from 'vitest';
import type { QueueSample, StatsStore } from '../stats/stats-store';
import { historyWindow, readQueueHistory, recentRates, shapeHistory, type MinuteEntry } from './queue-history';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
// 12:00:30 UTC: half a minute into the minute in progress.
const NOW = Date.UTC(2026, 0, 1, 12, 0, 30);
const THIS_MINUTE = NOW - 30_000;

const entry = (atMs: number, size: number, posted = 0, reserved = 0, removed = 0): MinuteEntry => ({ atMs, size, posted, reserved, removed });

describe('historyWindow', () => {
  it.each([
    ['live', MINUTE, 30],
    ['1h', MINUTE, 60],
    ['24h', 15 * MINUTE, 96],
    ['7d', 2 * HOUR, 84],
  ] as const)('%s has %d ms buckets, %d of them, the last holding now', (range, bucketMs, count) => {
    const window = historyWindow(range, NOW);
    expect(window).toMatchObject({ bucketMs, count });
    expect(window.fromMs % bucketMs).toBe(0);
    expect(window.toMs - window.fromMs).toBe(count * bucketMs);
    expect(NOW).toBeGreaterThanOrEqual(window.toMs - bucketMs);
    expect(NOW).toBeLessThan(window.toMs);
  });
});

describe('shapeHistory', () => {
  const window = { fromMs: THIS_MINUTE - 4 * MINUTE, toMs: THIS_MINUTE + MINUTE, bucketMs: MINUTE, count: 5 };

  it('carries the size forward through idle buckets, with zero rates', () => {
    const points = shapeHistory(window, [entry(THIS_MINUTE - 3 * MINUTE, 8, 120, 60, 0)], 2, NOW);
    expect(points.map((point) => point.t)).toEqual([4, 3, 2, 1, 0].map((back) => THIS_MINUTE - back * MINUTE));
    expect(points.map((point) => point.size)).toEqual([2, 8, 8, 8, 8]);
    expect(points[1]).toMatchObject({ posted: 2, reserved: 1, removed: 0 });
    expect(points[2]).toMatchObject({ posted: 0, reserved: 0, removed: 0 });
  });

  it('averages the bucket holding now over its elapsed part', () => {
    const [last] = shapeHistory(window, [entry(THIS_MINUTE, 3, 15, 0, 3)], 0, NOW).slice(-1);
    expect(last).toMatchObject({ size: 3, posted: 0.5, removed: 0.1 });
  });

  it('gives a wide bucket its largest size and summed counts, and carries its last size on', () => {
    const wide = { fromMs: 0, toMs: 3 * 15 * MINUTE, bucketMs: 15 * MINUTE, count: 3 };
    const points = shapeHistory(wide, [entry(MINUTE, 50, 900), entry(2 * MINUTE, 5, 0, 0, 45)], 0, Date.UTC(2030, 0, 1));
    expect(points.map((point) => point.size)).toEqual([50, 5, 5]);
    expect(points[0]).toMatchObject({ posted: 1, removed: 0.05 });
  });

  it('keeps a lone message in a 2-hour bucket above zero', () => {
    const wide = { fromMs: 0, toMs: 2 * HOUR, bucketMs: 2 * HOUR, count: 1 };
    expect(shapeHistory(wide, [entry(0, 1, 1)], 0, Date.UTC(2030, 0, 1))[0].posted).toBe(0.000139);
  });
});

describe('recentRates', () => {
  it('averages the last complete minute and the one in progress', () => {
    const entries = [entry(THIS_MINUTE - 2 * MINUTE, 0, 900), entry(THIS_MINUTE - MINUTE, 0, 60, 30), entry(THIS_MINUTE, 0, 30)];
    expect(recentRates(entries, NOW)).toEqual({ posted: 1, reserved: 0.333, removed: 0 });
  });
});

describe('readQueueHistory', () => {
  const sample = (atMs: number, size: number, posted: number): QueueSample => ({
    projectId: 'p', queueName: 'q', atMs, size, totalMessages: size, posted, reserved: 0, removed: 0,
  });

  function sources(samples: QueueSample[], before: QueueSample | undefined, current = { posted: 0, reserved: 0, removed: 0 }) {
    const stats = {
      read: async (_p: string, _q: string, fromMs: number, toMs: number) => samples.filter((s) => s.atMs >= fromMs && s.atMs < toMs),
      latestBefore: async () => before,
    } as unknown as StatsStore;
    return { stats, sampler: { currentMinute: () => ({ atMs: THIS_MINUTE, ...current }) } };
  }

  it('counts the minute in progress and ends on the live size', async () => {
    const history = await readQueueHistory(sources([], undefined, { posted: 6, reserved: 0, removed: 0 }), { projectId: 'p', name: 'q', liveSize: 6 }, 'live', NOW);
    expect(history).toMatchObject({ range: 'live', bucketMs: MINUTE, hasActivity: true, recent: { posted: 0.0667 } });
    expect(history.points).toHaveLength(30);
    // A new queue: empty until its first minute.
    expect(history.points[0].size).toBe(0);
    expect(history.points.at(-1)).toMatchObject({ t: THIS_MINUTE, size: 6, posted: 0.2 });
  });

  it('starts from the last sample before the range, and reports an idle range as such', async () => {
    const history = await readQueueHistory(sources([], sample(NOW - 2 * HOUR, 4, 1)), { projectId: 'p', name: 'q', liveSize: 4 }, '1h', NOW);
    expect(history.hasActivity).toBe(false);
    expect(new Set(history.points.map((point) => point.size))).toEqual(new Set([4]));
  });

  it('without any sample, an idle queue keeps its live size throughout', async () => {
    const history = await readQueueHistory(sources([], undefined), { projectId: 'p', name: 'q', liveSize: 9 }, '24h', NOW);
    expect(history.points.every((point) => point.size === 9 && point.posted === 0)).toBe(true);
  });
});
