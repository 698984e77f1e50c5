// Fires queue alerts (§4.9). It listens to the engine's change feed; after each change to a queue
// with alerts it compares the queue's size now with the size it saw last, and for every alert
// whose level was crossed posts one message to the alert's target queue (created if missing).
//
// What it remembers lives in this process's memory: the last size seen per queue and the end of
// each alert's snooze. A restart forgets both, so the first change after it is judged from the
// change's own count, and a snooze in progress ends early. With several server instances each
// one judges the changes it made itself.
import type { QueueEngine } from '../engine/engine';
import type { QueueChange } from '../engine/queue-changes';
import type { Alert, Queue } from '../engine/types';
import { alertMessageBody, isAlertCrossed } from './firing';

interface SeenSize {
  /** The queue incarnation: a queue deleted and created again starts from nothing. */
  queueId: string;
  /** Size after the last change this monitor judged (count). */
  size: number;
}

/** The size a queue had before `change`, for a queue this monitor has not seen yet. */
function sizeBefore(change: QueueChange, after: number): number {
  return change.kind === 'posted' ? Math.max(after - change.count, 0) : after + change.count;
}

export class AlertMonitor {
  private readonly seen = new Map<string, SeenSize>();
  /** Per alert id: the instant (epoch ms) before which further firings are dropped. */
  private readonly snoozedUntilMs = new Map<string, number>();
  /** Per queue: the judging still in progress, so the changes of one queue are judged in order. */
  private readonly chains = new Map<string, Promise<void>>();
  private unlisten: (() => void) | undefined;

  constructor(
    private readonly engine: QueueEngine,
    private readonly onError: (error: unknown) => void,
  ) {}

  start(): void {
    this.unlisten ??= this.engine.changes.listen((change) => this.onChange(change));
  }

  /** Stops listening and waits for the firings already under way. */
  async stop(): Promise<void> {
    this.unlisten?.();
    this.unlisten = undefined;
    await this.idle();
  }

  /** Resolves once every change heard so far is judged and its alert messages are posted. */
  async idle(): Promise<void> {
    while (this.chains.size > 0) await Promise.all(this.chains.values());
  }

  private onChange(change: QueueChange): void {
    // A reserve or a release leaves the size as it was: nothing to judge.
    if (change.kind === 'reserved' || change.kind === 'released') return;
    const key = `${change.projectId}\u0000${change.queueName}`;
    // The change carries the queue as the store left it: the size right after this change, even
    // when later changes land on top of it before this one is judged.
    const next = (this.chains.get(key) ?? Promise.resolve())
      .then(async () => this.judge(key, change, change.queue))
      .catch(this.onError);
    this.chains.set(key, next);
    void next.then(() => {
      if (this.chains.get(key) === next) this.chains.delete(key);
    });
  }

  private async judge(key: string, change: QueueChange, queue: Queue): Promise<void> {
    if (queue.alerts.length === 0) {
      // Nothing to watch: forgetting keeps memory in proportion to the queues that have alerts.
      this.seen.delete(key);
      return;
    }
    const last = this.seen.get(key);
    const before = last?.queueId === queue.id ? last.size : sizeBefore(change, queue.size);
    this.seen.set(key, { queueId: queue.id, size: queue.size });
    const nowMs = this.engine.clock.nowMs();
    for (const alert of queue.alerts) {
      if (!isAlertCrossed(alert, before, queue.size) || this.isSnoozed(alert, nowMs)) continue;
      if (alert.snoozeMs > 0) this.snoozedUntilMs.set(alert.id, nowMs + alert.snoozeMs);
      await this.fire(queue, alert, nowMs);
    }
  }

  /** True while the alert is snoozed; a dropped firing does not extend the snooze (§4.9). */
  private isSnoozed(alert: Alert, nowMs: number): boolean {
    const untilMs = this.snoozedUntilMs.get(alert.id);
    if (untilMs === undefined) return false;
    if (nowMs < untilMs) return true;
    this.snoozedUntilMs.delete(alert.id);
    return false;
  }

  /** Posts the alert message; one failed post must not keep the queue's other alerts silent. */
  private async fire(queue: Queue, alert: Alert, nowMs: number): Promise<void> {
    try {
      const body = alertMessageBody(queue.name, queue.size, alert, nowMs);
      await this.engine.postMessages(queue.projectId, alert.queue, [{ body }]);
    } catch (error) {
      this.onError(error);
    }
  }
}

/** Starts a monitor on the engine's change feed; returns the function that stops it. */
export function startAlertMonitor(engine: QueueEngine, onError: (error: unknown) => void): () => Promise<void> {
  const monitor = new AlertMonitor(engine, onError);
  monitor.start();
  return () => monitor.stop();
}
