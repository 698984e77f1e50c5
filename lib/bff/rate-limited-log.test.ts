import { describe, expect, it } from 'vitest';
import { createRateLimitedLog } from './rate-limited-log';

describe('rate-limited log', () => {
  it('writes one line per kind per interval and counts what it held back', () => {
    const lines: string[] = [];
    let nowMs = 0;
    const log = createRateLimitedLog((line) => lines.push(line), 60_000, () => nowMs);
    for (let i = 0; i < 1_000; i += 1) log('JWT_SESSION_ERROR', 'rejected a session cookie');
    log('OTHER', 'something else');
    nowMs += 60_000;
    log('JWT_SESSION_ERROR', 'rejected a session cookie');
    expect(lines).toEqual([
      'rejected a session cookie',
      'something else',
      'rejected a session cookie (999 more since the last such line)',
    ]);
  });
});

describe('rate-limited log against hostile input', () => {
  it('flattens a line to one line and keeps the number of kinds bounded', () => {
    const lines: string[] = [];
    const log = createRateLimitedLog((line) => lines.push(line), 60_000, () => 0);
    log('A', 'first\n{"level":60,"msg":"forged"}');
    for (let i = 0; i < 1_000; i += 1) log(`code-${i}`, `kind ${i}`);
    expect(lines[0]).toBe('first {"level":60,"msg":"forged"}');
    expect(lines.length).toBeLessThanOrEqual(65);
  });
});
