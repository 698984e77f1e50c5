// The pusher's side of push queues: lease due attempts, settle them, hand them back. Kept apart
// from QueueEngine's IronMQ verbs because only background work (lib/push) calls it.
import type { Clock } from './clock';
import type { QueueChanges } from './queue-changes';
import type { ClaimRequest, QueueRef, QueueStore } from './store';
import type { DeliveryAttempt, DeliveryOutcome } from './types';

export class PushDeliveries {
  constructor(
    private readonly store: QueueStore,
    private readonly clock: Clock,
    private readonly changes: QueueChanges,
  ) {}

  /** Leases due attempts, except those of subscribers at their cap. */
  async claim(request: ClaimRequest): Promise<DeliveryAttempt[]> {
    const { attempts, errorQueues } = await this.store.claimDeliveries(request, this.clock.nowMs());
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
  nextDueAtMs(skippedUrls: string[]): Promise<number | undefined> {
    return this.store.nextDeliveryDueAtMs(skippedUrls);
  }

  /** Error-queue reports are posts like any other: alerts and long polls hear of them. */
  private reportsPosted(errorQueues: QueueRef[]): void {
    for (const { projectId, queueName } of errorQueues) this.changes.emit({ projectId, queueName, kind: 'posted', count: 1 });
  }
}
