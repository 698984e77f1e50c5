// The one signal for "this queue's messages changed". Every change goes through emit, which wakes
// the long polls it concerns and tells every listener (alerts watching sizes, the pusher waiting
// for push messages, the stats sampler) in the same call, so no path can do one and forget the
// other. Listeners run after the change is durable and get the queue as the store left it, so
// they need not read it again; a throwing listener is reported and cannot break a request.
// When the store is shared by several instances (arrivals.ts, link()), the arrival part of each
// change is published to them, and theirs wake this instance's long polls and arrival listeners (the
// pusher) — never the change listeners, which count only this instance's own changes.
import type { Arrival, ArrivalChannel, ArrivalListener } from './arrivals';
import type { Clock } from './clock';
import { LongPollWaiters } from './long-poll';
import type { NewMessage, Queue } from './types';

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
  /** Set when announcePost's wakeLongPolls already woke the long polls for this change's ready messages. */
  areLongPollsWoken?: boolean;
}

export type QueueChangeListener = (change: QueueChange) => void;

/** What other waiters need to hear of a change: undefined when it makes nothing available. */
function arrivalOf(change: QueueChange): Arrival | undefined {
  const readyCount = change.readyCount ?? (change.kind === 'posted' ? change.count : 0);
  const isPush = change.kind === 'posted' && change.queue.push !== null;
  if (readyCount === 0 && change.nextDueAtMs === undefined && !isPush) return undefined;
  const { projectId, queueName, nextDueAtMs } = change;
  return { projectId, queueName, readyCount, isPush, ...(nextDueAtMs !== undefined ? { nextDueAtMs } : {}) };
}

export class QueueChanges {
  private readonly listeners = new Set<QueueChangeListener>();
  private readonly arrivalListeners = new Set<ArrivalListener>();
  private readonly waiters: LongPollWaiters;
  private hasEnded = false;

  /** The link to other instances sharing the store, once link() made one. */
  private channel: ArrivalChannel | undefined;

  constructor(
    clock: Clock,
    private readonly onListenerError: (error: unknown) => void,
  ) {
    this.waiters = new LongPollWaiters(clock);
  }

  /**
   * Joins the instances sharing the store: this instance's arrivals are published on `channel`,
   * and theirs wake this instance's long polls and arrival listeners. Returns the unlink.
   */
  link(channel: ArrivalChannel): () => void {
    this.channel = channel;
    const unsubscribe = channel.subscribe((arrival) => this.arrive(arrival));
    return () => {
      unsubscribe();
      if (this.channel === channel) this.channel = undefined;
    };
  }

  /** Subscribes; returns the function that unsubscribes. */
  listen(listener: QueueChangeListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Hears every arrival, this instance's and (through the store) other instances'. */
  onArrival(listener: ArrivalListener): () => void {
    this.arrivalListeners.add(listener);
    return () => this.arrivalListeners.delete(listener);
  }

  emit(change: QueueChange): void {
    const arrival = arrivalOf(change);
    if (arrival) {
      this.arrive(arrival, change.areLongPollsWoken === true);
      this.channel?.publish(arrival);
    }
    this.tell(this.listeners, change);
  }

  /**
   * The change a post makes, in two steps: `wakeLongPolls` (the store's onCommitted, store.ts)
   * wakes the long polls for its ready messages as soon as it commits, and `emit`, once it is
   * durable, tells everyone else and wakes no poll twice.
   */
  announcePost(projectId: string, queueName: string, messages: NewMessage[], nowMs: number): { wakeLongPolls: () => void; emit: (queue: Queue) => void } {
    const readyCount = messages.filter((message) => message.delayMs === 0).length;
    const shortestDelayMs = Math.min(...messages.map((message) => message.delayMs || Infinity));
    let areLongPollsWoken = false;
    return {
      wakeLongPolls: () => {
        if (readyCount > 0) this.waiters.notify(LongPollWaiters.key(projectId, queueName), readyCount);
        areLongPollsWoken = true;
      },
      emit: (queue) =>
        this.emit({
          projectId,
          queueName,
          kind: 'posted',
          count: messages.length,
          queue,
          readyCount,
          areLongPollsWoken,
          ...(shortestDelayMs < Infinity ? { nextDueAtMs: nowMs + shortestDelayMs } : {}),
        }),
    };
  }

  /** Wakes the long polls an arrival concerns (unless already woken) and tells the arrival listeners. */
  private arrive(arrival: Arrival, areLongPollsWoken = false): void {
    const key = LongPollWaiters.key(arrival.projectId, arrival.queueName);
    if (arrival.readyCount > 0 && !areLongPollsWoken) this.waiters.notify(key, arrival.readyCount);
    if (arrival.nextDueAtMs !== undefined) this.waiters.dueAt(key, arrival.nextDueAtMs);
    this.tell(this.arrivalListeners, arrival);
  }

  private tell<T>(listeners: Set<(value: T) => void>, value: T): void {
    for (const listener of listeners) {
      try {
        listener(value);
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
