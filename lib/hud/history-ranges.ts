// The overview's chart ranges: how far back each looks and how wide its buckets are. The BFF
// aggregates by these and the range picker names them, so both read the one list.
import type { HistoryRange } from './types';

const MINUTE_MS = 60_000;
const HOUR_MS = 60 * MINUTE_MS;

export interface HistoryRangeSpec {
  /** What the picker shows. */
  label: string;
  /** Completes "over the …" in chart summaries. */
  span: string;
  /** How far back the chart reaches (ms). */
  spanMs: number;
  /** Width of one point (ms); divides spanMs. */
  bucketMs: number;
}

export const HISTORY_RANGES: Record<HistoryRange, HistoryRangeSpec> = {
  live: { label: 'Live', span: 'last 30 minutes', spanMs: 30 * MINUTE_MS, bucketMs: MINUTE_MS },
  '1h': { label: '1 hour', span: 'last hour', spanMs: HOUR_MS, bucketMs: MINUTE_MS },
  '24h': { label: '24 hours', span: 'last 24 hours', spanMs: 24 * HOUR_MS, bucketMs: 15 * MINUTE_MS },
  '7d': { label: '7 days', span: 'last 7 days', spanMs: 7 * 24 * HOUR_MS, bucketMs: 2 * HOUR_MS },
};

export const HISTORY_RANGE_NAMES = Object.keys(HISTORY_RANGES) as HistoryRange[];

/** What the overview shows without `?range=`: refreshing, so a queue's page looks alive. */
export const DEFAULT_HISTORY_RANGE: HistoryRange = 'live';

export function isHistoryRange(value: string | null | undefined): value is HistoryRange {
  return HISTORY_RANGE_NAMES.includes(value as HistoryRange);
}
