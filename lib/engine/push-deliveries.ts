// The pusher's side of push queues: lease due attempts, settle them, hand them back. Kept apart
// from QueueEngine's IronMQ verbs because only background work (lib/push) calls it.
import type { Clock } from './clock';
import type { QueueChanges } from './queue-changes';
import type { QueueRef, QueueStore } from './store';
import type { DeliveryAttempt, DeliveryOutcome } from './types';

export class PushDeliveries {
  constructor(
    private readonly store: QueueStore,
    private readonly clock: Clock,
    private readonly changes: QueueChanges,
  ) {}

  /** Leases up to `limit` due attempts for `leaseMs`. */
  async claim(limit: number, leaseMs: number): Promise<DeliveryAttempt[]> {
    const { attempts, errorQueues } = await this.store.claimDeliveries(this.clock.nowMs(), limit, leaseMs);
    this.reportsPosted(errorQueues);
    return attempts;
  }

  /** Records what became of an attempt. */
  async settle(outcome: DeliveryOutcome): Promise<void> {
    this.reportsPosted(await this.store.recordDeliveryOutcome(outcome, this.clock.nowMs()));
  }

  /** Hands an attempt back, unstarted, to be claimed again at untilMs. */
  defer(attempt: DeliveryAttempt, untilMs: number): Promise<void> {
    return this.store.deferDelivery(attempt, untilMs);
  }

  /** When the pusher should look again, if nothing wakes it before. */
  nextDueAtMs(): Promise<number | undefined> {
    return this.store.nextDeliveryDueAtMs();
  }

  /** Error-queue reports are posts like any other: alerts and long polls hear of them. */
  private reportsPosted(errorQueues: QueueRef[]): void {
    for (const { projectId, queueName } of errorQueues) this.changes.emit({ projectId, queueName, kind: 'posted', count: 1 });
  }
}
