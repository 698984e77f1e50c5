import { describe, expect, it } from 'vitest';
import { alertLines, alertLinesSummary } from './alert-lines';
import type { AlertView } from './types';

const alert = (changes: Partial<AlertView>): AlertView => ({ id: 'a', type: 'fixed', direction: 'asc', trigger: 10, queue: 'ops', snoozeMs: 0, ...changes });

describe('alert lines on the size chart', () => {
  it('draws a fixed trigger once, and a progressive alert’s multiples up to the first above the largest size', () => {
    expect(alertLines([alert({ trigger: 50 })], 3)).toEqual([{ value: 50, label: '↑ 50' }]);
    expect(alertLines([alert({ type: 'progressive', direction: 'desc', trigger: 10 })], 25)).toEqual([
      { value: 10, label: '↓ every 10' },
      { value: 20, label: '↓ every 10' },
      { value: 30, label: '↓ every 10' },
    ]);
  });

  it('keeps a progressive alert to five lines, and one line per value', () => {
    expect(alertLines([alert({ type: 'progressive', trigger: 1 })], 1000)).toHaveLength(5);
    expect(alertLines([alert({ trigger: 10 }), alert({ trigger: 10, direction: 'desc' })], 0)).toEqual([{ value: 10, label: '↑ 10' }]);
  });

  it('names the lines for screen readers', () => {
    expect(alertLinesSummary([])).toBe('');
    expect(alertLinesSummary([{ value: 10, label: '' }, { value: 2000, label: '' }])).toBe(' Alert lines at 10 and 2,000.');
  });
});
