// Durations and relative times as the HUD prints them.
import { describe, expect, it } from 'vitest';
import { formatChartTime, formatDuration, formatRate, formatRelative } from './format';

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

describe('formatRate', () => {
  it.each([
    [0, '0/s'],
    [0.000139, '<0.01/s'],
    [0.0667, '0.07/s'],
    [1.5, '1.5/s'],
    [12.34, '12.3/s'],
    [1234.4, '1,234/s'],
  ])('%d per second is %s', (perSecond, text) => {
    expect(formatRate(perSecond)).toBe(text);
  });
});

describe('formatChartTime', () => {
  it('adds the weekday only for buckets an hour or wider', () => {
    const tuesday = new Date(2026, 0, 6, 14, 5).getTime();
    expect(formatChartTime(tuesday, 60_000)).toBe('14:05');
    expect(formatChartTime(tuesday, 2 * 3_600_000)).toBe('Tue 14:05');
  });
});

describe('formatBytes and formatUptime', () => {
  it('writes sizes in binary units and uptimes as two units', async () => {
    const { formatBytes, formatUptime } = await import('./format');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(3.4 * 1024 * 1024)).toBe('3.4 MiB');
    expect(formatBytes(120 * 1024 ** 3)).toBe('120 GiB');
    expect(formatUptime(45)).toBe('45 s');
    expect(formatUptime(303)).toBe('5 min 3 s');
    expect(formatUptime(2 * 3600 + 14 * 60 + 5)).toBe('2 h 14 min');
    expect(formatUptime(3 * 86_400 + 4 * 3_600)).toBe('3 d 4 h');
  });
});
