// Fires queue alerts (§4.9). It listens to the engine's change feed; after each change to a queue
// with alerts it compares the queue's size before and after the change, and for every alert whose
// level was crossed posts one message to the alert's target queue (created if missing).
//
// What it remembers lives in an AlertState (alert-state.ts). On SQLite that is this process's
// memory: the size it saw last per queue, and each alert's snooze; a restart forgets both. On
// PostgreSQL each instance judges the changes it made itself from their own before and after, and
// snoozes live in the database (postgres-alert-state.ts), so a crossing fires once across
// instances and a snooze survives restarts.
import type { QueueEngine } from '../engine/engine';
import type { QueueChange } from '../engine/queue-changes';
import type { Alert, Queue } from '../engine/types';
import { MemoryAlertState, type AlertState } from './alert-state';
import { alertMessageBody, isAlertCrossed } from './firing';

/** The size a queue had before `change`, for a queue this monitor has not seen yet. */
function sizeBefore(change: QueueChange, after: number): number {
  return change.kind === 'posted' ? Math.max(after - change.count, 0) : after + change.count;
}

export class AlertMonitor {
  /** Per queue: the judging still in progress, so the changes of one queue are judged in order. */
  private readonly chains = new Map<string, Promise<void>>();
  /** Queues this monitor judged while they had alerts: only these have state to forget. */
  private readonly judged = new Set<string>();
  private unlisten: (() => void) | undefined;

  constructor(
    private readonly engine: QueueEngine,
    private readonly onError: (error: unknown) => void,
    private readonly state: AlertState = new MemoryAlertState(),
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
    // A queue without alerts, never judged and with nothing pending: nothing to judge or forget.
    // Most queues are such; they cost a lookup, not a promise chain per change.
    if (change.queue.alerts.length === 0 && !this.judged.has(key) && !this.chains.has(key)) return;
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
      // Nothing to watch; a queue that had alerts forgets its size, so new ones start afresh.
      if (this.judged.delete(key)) await this.state.forget(queue.projectId, queue.name);
      return;
    }
    this.judged.add(key);
    const before = await this.state.sizeBefore(queue, sizeBefore(change, queue.size));
    const nowMs = this.engine.clock.nowMs();
    for (const alert of queue.alerts) {
      if (!isAlertCrossed(alert, before, queue.size)) continue;
      if (await this.state.claimFiring(alert.id, nowMs, alert.snoozeMs)) await this.fire(queue, alert, nowMs);
    }
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
export function startAlertMonitor(engine: QueueEngine, onError: (error: unknown) => void, state?: AlertState): () => Promise<void> {
  const monitor = new AlertMonitor(engine, onError, state);
  monitor.start();
  return () => monitor.stop();
}
