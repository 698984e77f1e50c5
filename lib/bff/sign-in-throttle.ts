// Slows password guessing at the HUD's sign-in: after a few failures for one key (an email with a
// client address, or an email alone), each further attempt must wait twice as long as the last,
// up to a ceiling. Kept in memory: a restart forgets it, which costs an attacker a restart's
// worth of guesses at most.

/** Failures allowed before any wait, so a person's typos never lock them out. */
export const FREE_FAILURES = 3;
export const BASE_WAIT_MS = 1_000;
export const MAX_WAIT_MS = 60_000;
/** A key with no failure for this long starts afresh. */
export const FORGET_AFTER_MS = 15 * 60_000;
/** Bounds the memory a flood of distinct emails can take; the oldest key goes first. */
export const MAX_TRACKED_KEYS = 10_000;

interface Failures {
  count: number;
  lastAtMs: number;
}

export class SignInThrottle {
  private readonly failures = new Map<string, Failures>();

  constructor(private readonly nowMs: () => number = Date.now) {}

  /** Milliseconds until `key` may try again; 0 when it may try now. `freeFailures` come without a wait. */
  retryAfterMs(key: string, freeFailures = FREE_FAILURES): number {
    const entry = this.current(key);
    if (!entry || entry.count < freeFailures) return 0;
    const waitMs = Math.min(BASE_WAIT_MS * 2 ** (entry.count - freeFailures), MAX_WAIT_MS);
    return Math.max(0, entry.lastAtMs + waitMs - this.nowMs());
  }

  recordFailure(key: string): void {
    const count = (this.current(key)?.count ?? 0) + 1;
    // Re-inserting moves the key to the end, so the Map's order is least recently failed first.
    this.failures.delete(key);
    this.failures.set(key, { count, lastAtMs: this.nowMs() });
    if (this.failures.size > MAX_TRACKED_KEYS) this.failures.delete(this.failures.keys().next().value!);
  }

  recordSuccess(key: string): void {
    this.failures.delete(key);
  }

  private current(key: string): Failures | undefined {
    const entry = this.failures.get(key);
    if (entry && this.nowMs() - entry.lastAtMs > FORGET_AFTER_MS) {
      this.failures.delete(key);
      return undefined;
    }
    return entry;
  }
}
