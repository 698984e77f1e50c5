// Chart summaries: what a screen reader hears in place of the size and rate charts.
import { describe, expect, it } from 'vitest';
import { ratesSummary, sizeSummary } from './history-summary';

describe('chart summaries', () => {
  it('says where the size ends and how high it went', () => {
    expect(sizeSummary([3, 1200, 42], 'last 24 hours')).toBe('Now 42, largest 1,200 over the last 24 hours.');
    expect(sizeSummary([], 'last hour')).toBe('Now 0, largest 0 over the last hour.');
  });

  it('gives the highest rate of each kind', () => {
    const points = [
      { t: 0, size: 0, posted: 3.2, reserved: 0, removed: 0.5 },
      { t: 1, size: 0, posted: 1, reserved: 1.1, removed: 1 },
    ];
    expect(ratesSummary(points, 'last hour')).toBe('Highest posted 3.2/s, reserved 1.1/s, deleted 1/s over the last hour.');
  });
});
