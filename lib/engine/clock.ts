// The one source of time for the engine. Production uses the system clock; tests use the
// manual clock so a 60-second reservation expires in a microsecond, without sleeping.

export interface Clock {
  /** Current instant (epoch ms). */
  nowMs(): number;
  /** Runs `fn` after `delayMs`; the returned function cancels it. */
  setTimer(delayMs: number, fn: () => void): () => void;
}

export const systemClock: Clock = {
  nowMs: () => Date.now(),
  setTimer(delayMs, fn) {
    const handle = setTimeout(fn, delayMs);
    handle.unref?.();
    return () => clearTimeout(handle);
  },
};

/** A clock that moves only when a test says so; due timers run inside `advance`. */
export class ManualClock implements Clock {
  private currentMs: number;
  private timers: Array<{ dueMs: number; fn: () => void; isCancelled: boolean }> = [];

  constructor(startMs = Date.UTC(2026, 0, 1)) {
    this.currentMs = startMs;
  }

  nowMs(): number {
    return this.currentMs;
  }

  setTimer(delayMs: number, fn: () => void): () => void {
    const timer = { dueMs: this.currentMs + delayMs, fn, isCancelled: false };
    this.timers.push(timer);
    return () => {
      timer.isCancelled = true;
    };
  }

  /** Moves time forward by `ms`, running every timer that falls due, in due order. */
  advance(ms: number): void {
    const targetMs = this.currentMs + ms;
    for (;;) {
      const due = this.timers
        .filter((t) => !t.isCancelled && t.dueMs <= targetMs)
        .sort((a, b) => a.dueMs - b.dueMs)[0];
      if (!due) break;
      this.currentMs = Math.max(this.currentMs, due.dueMs);
      due.isCancelled = true;
      due.fn();
    }
    this.timers = this.timers.filter((t) => !t.isCancelled);
    this.currentMs = targetMs;
  }
}
