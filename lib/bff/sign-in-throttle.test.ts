// The sign-in backoff: free failures, doubling waits with a ceiling, reset on success and over time.
import { describe, expect, it } from 'vitest';
import { BASE_WAIT_MS, FORGET_AFTER_MS, FREE_FAILURES, MAX_TRACKED_KEYS, MAX_WAIT_MS, SignInThrottle } from './sign-in-throttle';

function throttleAt(startMs = 1_000_000) {
  const clock = { nowMs: startMs };
  return { clock, throttle: new SignInThrottle(() => clock.nowMs) };
}

function fail(throttle: SignInThrottle, key: string, times: number) {
  for (let i = 0; i < times; i += 1) throttle.recordFailure(key);
}

describe('SignInThrottle', () => {
  it('allows the first failures without waiting', () => {
    const { throttle } = throttleAt();
    fail(throttle, 'a', FREE_FAILURES - 1);
    expect(throttle.retryAfterMs('a')).toBe(0);
  });

  it('doubles the wait with each further failure, up to the ceiling', () => {
    const { throttle } = throttleAt();
    fail(throttle, 'a', FREE_FAILURES);
    expect(throttle.retryAfterMs('a')).toBe(BASE_WAIT_MS);
    throttle.recordFailure('a');
    expect(throttle.retryAfterMs('a')).toBe(2 * BASE_WAIT_MS);
    fail(throttle, 'a', 20);
    expect(throttle.retryAfterMs('a')).toBe(MAX_WAIT_MS);
  });

  it('counts the wait down as time passes', () => {
    const { clock, throttle } = throttleAt();
    fail(throttle, 'a', FREE_FAILURES + 1);
    clock.nowMs += BASE_WAIT_MS;
    expect(throttle.retryAfterMs('a')).toBe(BASE_WAIT_MS);
    clock.nowMs += BASE_WAIT_MS;
    expect(throttle.retryAfterMs('a')).toBe(0);
  });

  it('keeps keys apart and forgets a key on success', () => {
    const { throttle } = throttleAt();
    fail(throttle, 'a', FREE_FAILURES);
    expect(throttle.retryAfterMs('b')).toBe(0);
    throttle.recordSuccess('a');
    expect(throttle.retryAfterMs('a')).toBe(0);
  });

  it('forgets failures after a quiet period', () => {
    const { clock, throttle } = throttleAt();
    fail(throttle, 'a', FREE_FAILURES + 2);
    clock.nowMs += FORGET_AFTER_MS + 1;
    throttle.recordFailure('a');
    expect(throttle.retryAfterMs('a')).toBe(0);
  });

  it('drops the least recently failed key when full', () => {
    const { throttle } = throttleAt();
    fail(throttle, 'oldest', FREE_FAILURES);
    for (let i = 0; i < MAX_TRACKED_KEYS; i += 1) throttle.recordFailure(`k${i}`);
    expect(throttle.retryAfterMs('oldest')).toBe(0);
  });
});

describe('SignInThrottle with more free failures for a key', () => {
  it('waits only past that key’s own allowance', () => {
    const { throttle } = throttleAt();
    fail(throttle, 'account', 9);
    expect(throttle.retryAfterMs('account', 10)).toBe(0);
    expect(throttle.retryAfterMs('account')).toBeGreaterThan(0);
    throttle.recordFailure('account');
    expect(throttle.retryAfterMs('account', 10)).toBe(BASE_WAIT_MS);
  });
});
