// Durations and relative times as the HUD prints them.
import { describe, expect, it } from 'vitest';
import { formatDuration, formatRelative } from './format';

describe('formatDuration', () => {
  it.each([
    [60_000, '1 min'],
    [7 * 86_400_000, '7 days'],
    [3_600_000, '1 hour'],
    [90_000, '90 s'],
    [45_000, '45 s'],
  ])('%d ms is %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});

describe('formatRelative', () => {
  it('speaks of the future and the past', () => {
    expect(formatRelative(1_000 + 5 * 60_000, 1_000)).toBe('in 5 min');
    expect(formatRelative(1_000, 1_000 + 30_000)).toBe('30 s ago');
    expect(formatRelative(0, 3 * 86_400_000)).toBe('3 d ago');
  });
});
