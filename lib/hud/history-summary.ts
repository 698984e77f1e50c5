// The sentences that stand in for a chart for screen readers, and sum it up under its title:
// what a sighted reader takes from the line at a glance (where it ends, how high it went).
import { formatRate } from './format';
import type { QueueHistoryPoint } from './types';

/** e.g. "Now 42, largest 120 over the last 24 hours." */
export function sizeSummary(sizes: number[], span: string): string {
  const now = sizes.at(-1) ?? 0;
  return `Now ${now.toLocaleString('en-US')}, largest ${Math.max(0, ...sizes).toLocaleString('en-US')} over the ${span}.`;
}

/** e.g. "Highest posted 3.2/s, reserved 1.1/s, deleted 1/s over the last hour." */
export function ratesSummary(points: QueueHistoryPoint[], span: string): string {
  const peak = (key: 'posted' | 'reserved' | 'removed') => formatRate(Math.max(0, ...points.map((point) => point[key])));
  return `Highest posted ${peak('posted')}, reserved ${peak('reserved')}, deleted ${peak('removed')} over the ${span}.`;
}
