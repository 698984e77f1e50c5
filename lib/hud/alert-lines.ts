// The size chart's alert lines, shaped here so the chart only draws them: a fixed alert's trigger
// is one line; a progressive alert fires at every multiple, so it gets the multiples up to the
// first one above the largest size shown — enough to see the next level without a wall of lines.
import type { AlertView } from './types';

export interface ChartLine {
  /** Queue size (count) the line marks. */
  value: number;
  label: string;
}

/** Lines one progressive alert may draw at most. */
const MAX_LINES_PER_ALERT = 5;

const arrow = (alert: AlertView) => (alert.direction === 'asc' ? '↑' : '↓');

/** Every alert's lines, one per size value (the first alert to name a value labels it), lowest first. */
export function alertLines(alerts: AlertView[], largestSize: number): ChartLine[] {
  const lines = new Map<number, string>();
  for (const alert of alerts) {
    if (alert.type === 'fixed') {
      if (!lines.has(alert.trigger)) lines.set(alert.trigger, `${arrow(alert)} ${alert.trigger}`);
      continue;
    }
    for (let k = 1; k <= MAX_LINES_PER_ALERT; k++) {
      const value = k * alert.trigger;
      if (!lines.has(value)) lines.set(value, `${arrow(alert)} every ${alert.trigger}`);
      if (value > largestSize) break;
    }
  }
  return [...lines].map(([value, label]) => ({ value, label })).sort((a, b) => a.value - b.value);
}

/** A sentence for screen readers naming the lines, e.g. "Alert lines at 10 and 20." */
export function alertLinesSummary(lines: ChartLine[]): string {
  if (lines.length === 0) return '';
  const values = lines.map((line) => line.value.toLocaleString('en-US'));
  const list = values.length === 1 ? values[0] : `${values.slice(0, -1).join(', ')} and ${values.at(-1)}`;
  return ` Alert line${lines.length === 1 ? '' : 's'} at ${list}.`;
}
