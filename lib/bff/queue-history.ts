// A queue's history shaped for the HUD's charts: the stats store's minutes plus the sampler's
// minute in progress, laid on an even grid of buckets with idle buckets filled (size carried
// forward, zero counts) and counts turned into per-second rates. Charts draw what this returns.
import { HISTORY_RANGES } from '../hud/history-ranges';
import type { HistoryRange, QueueHistory, QueueHistoryPoint, QueueRates } from '../hud/types';
import type { Runtime } from '../runtime-access';
import type { QueueSample } from '../stats/stats-store';

const MINUTE_MS = 60_000;

/** One minute of a queue: its size at the end (now, for the minute in progress) and its counts. */
export type MinuteEntry = Pick<QueueSample, 'atMs' | 'size' | 'posted' | 'reserved' | 'removed'>;

export interface HistoryWindow {
  /** Start of the first bucket (epoch ms). */
  fromMs: number;
  /** End of the last bucket, exclusive (epoch ms); after now. */
  toMs: number;
  bucketMs: number;
  /** Buckets, count. */
  count: number;
}

/** The range's buckets, aligned to multiples of their width (as the store aligns them), the last holding nowMs. */
export function historyWindow(range: HistoryRange, nowMs: number): HistoryWindow {
  const { spanMs, bucketMs } = HISTORY_RANGES[range];
  const count = spanMs / bucketMs;
  const lastStartMs = Math.floor(nowMs / bucketMs) * bucketMs;
  return { fromMs: lastStartMs - (count - 1) * bucketMs, toMs: lastStartMs + bucketMs, bucketMs, count };
}

/** Three significant digits: enough to draw, and one message in a 2-hour bucket still shows above zero. */
function ratesOf(sums: QueueRates, seconds: number): QueueRates {
  const perSecond = (count: number) => (count === 0 ? 0 : Number((count / seconds).toPrecision(3)));
  return { posted: perSecond(sums.posted), reserved: perSecond(sums.reserved), removed: perSecond(sums.removed) };
}

function sumCounts(entries: MinuteEntry[]): QueueRates {
  const sums = { posted: 0, reserved: 0, removed: 0 };
  for (const entry of entries) {
    sums.posted += entry.posted;
    sums.reserved += entry.reserved;
    sums.removed += entry.removed;
  }
  return sums;
}

/**
 * Lays minute entries (oldest first, all inside the window) on the window's buckets. A bucket's
 * size is its largest minute's, as the store aggregates; an idle bucket carries the size at the end
 * of the last minute before it (`sizeBefore` for leading idle buckets). Rates divide by the
 * bucket's width, or by its elapsed part for the bucket holding nowMs, so it does not read low.
 */
export function shapeHistory(window: HistoryWindow, entries: MinuteEntry[], sizeBefore: number, nowMs: number): QueueHistoryPoint[] {
  const points: QueueHistoryPoint[] = [];
  let carriedSize = sizeBefore;
  let next = 0;
  for (let i = 0; i < window.count; i += 1) {
    const startMs = window.fromMs + i * window.bucketMs;
    const endMs = startMs + window.bucketMs;
    const inBucket: MinuteEntry[] = [];
    while (next < entries.length && entries[next].atMs < endMs) inBucket.push(entries[next++]);
    const size = inBucket.length > 0 ? Math.max(...inBucket.map((entry) => entry.size)) : carriedSize;
    carriedSize = inBucket.at(-1)?.size ?? carriedSize;
    const seconds = Math.max(1, (Math.min(endMs, nowMs) - startMs) / 1_000);
    points.push({ t: startMs, size, ...ratesOf(sumCounts(inBucket), seconds) });
  }
  return points;
}

/** Rates over the last complete minute and the one in progress: current, yet not one second's noise. */
export function recentRates(entries: MinuteEntry[], nowMs: number): QueueRates {
  const fromMs = Math.floor(nowMs / MINUTE_MS) * MINUTE_MS - MINUTE_MS;
  return ratesOf(sumCounts(entries.filter((entry) => entry.atMs >= fromMs)), Math.max(1, (nowMs - fromMs) / 1_000));
}

const hasCounts = (entry: MinuteEntry) => entry.posted + entry.reserved + entry.removed > 0;

/** A queue's history for one range; `liveSize` is its size now, the end of the last bucket. */
export async function readQueueHistory(
  sources: Pick<Runtime, 'stats' | 'sampler'>,
  queue: { projectId: string; name: string; liveSize: number },
  range: HistoryRange,
  nowMs: number,
): Promise<QueueHistory> {
  const window = historyWindow(range, nowMs);
  const [stored, before, current] = await Promise.all([
    sources.stats.read(queue.projectId, queue.name, window.fromMs, window.toMs, MINUTE_MS),
    sources.stats.latestBefore(queue.projectId, queue.name, window.fromMs),
    sources.sampler.currentMinute(queue.projectId, queue.name),
  ]);
  const entries: MinuteEntry[] = [...stored, { ...current, size: queue.liveSize }];
  // Without an earlier sample (a new queue, or one idle past retention) the first minute's own
  // counts undo its size: what it held when the range began.
  const first = entries[0];
  const sizeBefore = before?.size ?? Math.max(0, first.size - first.posted + first.removed);
  return {
    range,
    bucketMs: window.bucketMs,
    points: shapeHistory(window, entries, sizeBefore, nowMs),
    hasActivity: entries.some(hasCounts),
    recent: recentRates(entries, nowMs),
  };
}
