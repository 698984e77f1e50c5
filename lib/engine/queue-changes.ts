// The one signal for "this queue's messages changed". Every change goes through emit, which wakes
// the long polls it concerns and tells every listener (alerts watching sizes, the pusher waiting
// for push messages, the stats sampler) in the same call, so no path can do one and forget the
// other. Listeners run after the change is durable and get the queue as the store left it, so
// they need not read it again; a throwing listener is reported and cannot break a request.
import type { Clock } from './clock';
import { LongPollWaiters } from './long-poll';
import type { Queue } from './types';

export type QueueChangeKind =
  /** Messages arrived: posts (webhook and fan-out too), dead-letter moves, error-queue reports. */
  | 'posted'
  /** A reserved message was handed back (the queue's size is unchanged). */
  | 'released'
  /** Messages were reserved (the queue's size is unchanged). */
  | 'reserved'
  /** Messages left the queue: delete, batch delete, reserve with delete, clear, dead-letter move, expiry. */
  | 'removed';

export interface QueueChange {
  projectId: string;
  queueName: string;
  kind: QueueChangeKind;
  /** How many messages, count. */
  count: number;
  /** The queue right after the change, as the store read it inside the change. */
  queue: Queue;
  /** Messages the change made available at once; each wakes one long poll. Default: `count` for posted, else 0. */
  readyCount?: number;
  /** When a message of the queue becomes available because of this change (a delay or a reservation ending), epoch ms. */
  nextDueAtMs?: number;
  /** Set when messages left or reached the queue by a dead-letter move (§4.6), for monitoring. */
  isDeadLetterMove?: boolean;
}

export type QueueChangeListener = (change: QueueChange) => void;

export class QueueChanges {
  private readonly listeners = new Set<QueueChangeListener>();
  private readonly waiters: LongPollWaiters;
  private hasEnded = false;

  constructor(
    clock: Clock,
    private readonly onListenerError: (error: unknown) => void,
  ) {
    this.waiters = new LongPollWaiters(clock);
  }

  /** Subscribes; returns the function that unsubscribes. */
  listen(listener: QueueChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  emit(change: QueueChange): void {
    const key = LongPollWaiters.key(change.projectId, change.queueName);
    const readyCount = change.readyCount ?? (change.kind === 'posted' ? change.count : 0);
    if (readyCount > 0) this.waiters.notify(key, readyCount);
    if (change.nextDueAtMs !== undefined) this.waiters.dueAt(key, change.nextDueAtMs);
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (error) {
        this.onListenerError(error);
      }
    }
  }

  /** Long polls sleeping now, over every queue (for monitoring). */
  heldLongPolls(): number {
    return this.waiters.count();
  }

  /** True once the server is shutting down: long polls answer at once instead of waiting. */
  get isEnding(): boolean {
    return this.hasEnded;
  }

  /** Shutdown: every sleeping long poll answers now with what it finds, and new ones do not wait. */
  endLongPolls(): void {
    this.hasEnded = true;
    this.waiters.wakeAll();
  }

  /** A counter of the queue's arrivals: a reserve that saw an older value missed news and retries. */
  arrivals(projectId: string, queueName: string): number {
    return this.waiters.version(LongPollWaiters.key(projectId, queueName));
  }

  /**
   * Sleeps until an arrival on the queue, until `untilMs`, or until `signal` aborts; returns at
   * once when arrivals moved past `seenArrivals`.
   */
  waitForArrival(projectId: string, queueName: string, seenArrivals: number, untilMs: number, signal?: AbortSignal): Promise<void> {
    return this.waiters.sleep(LongPollWaiters.key(projectId, queueName), seenArrivals, untilMs, signal);
  }
}
