// What the alert monitor remembers between judgements: the size each judgement starts from, and
// each alert's snooze. Behind this small interface so several instances on one database can share
// the snoozes (postgres-alert-state.ts: they survive restarts, and an alert snoozed on one instance
// is snoozed on all), while a single SQLite server keeps everything in memory as it always has.
import type { Queue } from '../engine/types';

export interface AlertState {
  /**
   * The size to judge a change of `queue` from, given `derived`: the size before the change worked
   * out from the change itself (the queue's size after it, less what it added).
   */
  sizeBefore(queue: Queue, derived: number): Promise<number>;
  /**
   * Claims one firing of an alert at `nowMs`: true when it is not snoozed, and then it is snoozed
   * until nowMs + snoozeMs; false while snoozed. A dropped firing does not extend the snooze (§4.9).
   */
  claimFiring(alertId: string, nowMs: number, snoozeMs: number): Promise<boolean>;
  /** Forgets a queue that no longer has alerts. */
  forget(projectId: string, queueName: string): Promise<void>;
}

const key = (projectId: string, queueName: string) => `${projectId}\u0000${queueName}`;

/**
 * This process's memory: each change is judged from the size the monitor saw last (the derived
 * size only for a queue it has not seen yet). A restart forgets sizes and ends snoozes early.
 */
export class MemoryAlertState implements AlertState {
  private readonly seen = new Map<string, { queueId: string; size: number }>();
  private readonly snoozedUntilMs = new Map<string, number>();

  async sizeBefore(queue: Queue, derived: number): Promise<number> {
    const last = this.seen.get(key(queue.projectId, queue.name));
    this.seen.set(key(queue.projectId, queue.name), { queueId: queue.id, size: queue.size });
    return last?.queueId === queue.id ? last.size : derived;
  }

  async claimFiring(alertId: string, nowMs: number, snoozeMs: number): Promise<boolean> {
    const untilMs = this.snoozedUntilMs.get(alertId);
    if (untilMs !== undefined && nowMs < untilMs) return false;
    if (snoozeMs > 0) this.snoozedUntilMs.set(alertId, nowMs + snoozeMs);
    else this.snoozedUntilMs.delete(alertId);
    return true;
  }

  async forget(projectId: string, queueName: string): Promise<void> {
    // Keeps memory in proportion to the queues that have alerts.
    this.seen.delete(key(projectId, queueName));
  }
}
