// The pusher's side of push queues: lease due attempts, settle them, hand them back. Kept apart
// from QueueEngine's IronMQ verbs because only background work (lib/push) calls it.
import type { Clock } from './clock';
import type { QueueChanges } from './queue-changes';
import type { ClaimRequest, DeleteRef, QueueRef, QueueStore } from './store';
import type { DeliveryAttempt, DeliveryOutcome, QueueSettings } from './types';

/**
 * Whether a single-message delete is a push subscriber's acknowledgement of a 202 (§4.8.5): on a
 * push queue, one that names a subscriber or a reservation. On a pull queue a subscriber name
 * means nothing and the delete is a delete. Stores decide it inside the delete's atomic
 * operation, with the queue's type as it is at that moment.
 */
export function isPushAcknowledgement(settings: QueueSettings, ref: DeleteRef): boolean {
  return settings.push !== null && (ref.subscriberName !== undefined || ref.reservationId !== undefined);
}

export class PushDeliveries {
  constructor(
    private readonly store: QueueStore,
    private readonly clock: Clock,
    private readonly changes: QueueChanges,
  ) {}

  /** Leases due attempts, except those of subscribers at their cap. */
  async claim(request: ClaimRequest): Promise<DeliveryAttempt[]> {
    const { attempts, errorQueues } = await this.store.claimDeliveries(request, this.clock.nowMs());
    await this.reportsPosted(errorQueues);
    return attempts;
  }

  /** Records what became of an attempt. */
  async settle(outcome: DeliveryOutcome): Promise<void> {
    await this.reportsPosted(await this.store.recordDeliveryOutcome(outcome, this.clock.nowMs()));
  }

  /** Hands an attempt back, unstarted, to be claimed again at untilMs. */
  defer(attempt: DeliveryAttempt, untilMs: number): Promise<void> {
    return this.store.deferDelivery(attempt, untilMs);
  }

  /** When the pusher should look again, if nothing wakes it before. */
  nextDueAtMs(skippedUrls: string[]): Promise<number | undefined> {
    return this.store.nextDeliveryDueAtMs(skippedUrls);
  }

  /** Error-queue reports are posts like any other: alerts and long polls hear of them at once. */
  private async reportsPosted(errorQueues: QueueRef[]): Promise<void> {
    for (const { projectId, queueName } of errorQueues) {
      // Reports are rare (a delivery's last failure), so reading the queue here costs nothing.
      const queue = await this.store.getQueue(projectId, queueName);
      if (queue) this.changes.emit({ projectId, queueName, kind: 'posted', count: 1, queue });
    }
  }
}
