// Long-poll waiters (§4.5): a reserve with `wait` that found nothing sleeps here until a post or
// release makes messages available, the next delayed or reserved message falls due, or its wait
// runs out. Waiters are woken, never polling, and in arrival order.
import type { Clock } from './clock';

const MAX_TRACKED_QUEUES = 100_000;

interface Waiter {
  /** When the waiter wakes by itself (epoch ms). */
  untilMs: number;
  wake: () => void;
  /** Moves the waiter's own wake-up earlier. */
  wakeAt: (atMs: number) => void;
}

export class LongPollWaiters {
  /** Waiters per queue key, oldest first. */
  private waiting = new Map<string, Waiter[]>();
  /** Bumped on every notify: a reserve that saw an older value missed news and retries. */
  private versions = new Map<string, number>();

  constructor(private readonly clock: Clock) {}

  static key(projectId: string, queueName: string): string {
    return `${projectId}\u0000${queueName}`;
  }

  version(key: string): number {
    return this.versions.get(key) ?? 0;
  }

  /**
   * Sleeps until woken by notify, until `untilMs`, or until `signal` aborts, whichever comes
   * first. Returns at once when the queue's version moved past `seenVersion`.
   */
  sleep(key: string, seenVersion: number, untilMs: number, signal?: AbortSignal): Promise<void> {
    if (this.version(key) !== seenVersion || signal?.aborted) return Promise.resolve();
    return new Promise<void>((resolve) => {
      let cancelTimer = () => {};
      const finish = () => {
        cancelTimer();
        signal?.removeEventListener('abort', finish);
        this.remove(key, waiter);
        resolve();
      };
      const waiter: Waiter = {
        untilMs,
        wake: finish,
        wakeAt: (atMs) => {
          cancelTimer();
          waiter.untilMs = atMs;
          cancelTimer = this.clock.setTimer(Math.max(atMs - this.clock.nowMs(), 0), finish);
        },
      };
      waiter.wakeAt(untilMs);
      signal?.addEventListener('abort', finish, { once: true });
      const list = this.waiting.get(key);
      if (list) list.push(waiter);
      else this.waiting.set(key, [waiter]);
    });
  }

  /**
   * A message of the queue becomes available at `atMs` (a delayed post, a delayed release, a
   * reservation's deadline): sleepers due to wake later wake then instead, to try a reserve.
   */
  dueAt(key: string, atMs: number): void {
    for (const waiter of this.waiting.get(key) ?? []) {
      if (waiter.untilMs > atMs) waiter.wakeAt(atMs);
    }
  }

  /** Messages became available: wakes the `count` oldest waiters of the queue. */
  notify(key: string, count: number): void {
    // Forgetting every version only makes in-flight reserves retry once: harmless, and it bounds memory.
    if (this.versions.size > MAX_TRACKED_QUEUES) this.versions.clear();
    this.versions.set(key, this.version(key) + 1);
    const list = this.waiting.get(key);
    if (!list) return;
    for (const waiter of list.slice(0, count)) waiter.wake();
  }

  /** How many long polls are sleeping now, over every queue. */
  count(): number {
    let total = 0;
    for (const list of this.waiting.values()) total += list.length;
    return total;
  }

  /** Wakes every sleeper at once (shutdown): each tries once more and answers. */
  wakeAll(): void {
    for (const list of [...this.waiting.values()]) for (const waiter of [...list]) waiter.wake();
  }

  private remove(key: string, waiter: Waiter): void {
    const list = this.waiting.get(key);
    if (!list) return;
    const index = list.indexOf(waiter);
    if (index >= 0) list.splice(index, 1);
    if (list.length === 0) this.waiting.delete(key);
  }
}
