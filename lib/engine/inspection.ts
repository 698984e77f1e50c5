// What the HUD reads about queues beyond IronMQ's verbs: the push delivery log, the newest
// messages of a queue, and which queues name a queue as their dead-letter or error queue. Reads
// only; kept apart from QueueEngine's IronMQ verbs like PushDeliveries is.
import type { Clock } from './clock';
import type { DeliveryPage, DeliveryQuery } from './delivery-log';
import { MAX_DELIVERIES_PER_PAGE, MAX_MESSAGES_PER_RESERVE } from './limits';
import type { QueueStore } from './store';
import type { MessageDetail, QueueSource } from './types';

export class QueueInspection {
  constructor(
    private readonly store: QueueStore,
    private readonly clock: Clock,
  ) {}

  /** A push queue's deliveries, newest message first (delivery-log.ts). Throws QUEUE_NOT_FOUND, MESSAGE_NOT_FOUND. */
  deliveries(projectId: string, name: string, query: DeliveryQuery): Promise<DeliveryPage> {
    const limit = Math.min(Math.max(Math.floor(query.limit), 1), MAX_DELIVERIES_PER_PAGE);
    return this.store.listDeliveries(projectId, name, { ...query, limit }, this.clock.nowMs());
  }

  /** Up to `limit` (at most 100) of the newest messages, newest first, without consuming them. */
  latestMessages(projectId: string, name: string, limit: number): Promise<MessageDetail[]> {
    const count = Math.min(Math.max(Math.floor(limit), 1), MAX_MESSAGES_PER_RESERVE);
    return this.store.latestMessages(projectId, name, count, this.clock.nowMs());
  }

  /** The queues of the project whose dead-letter or error queue is one of `targets`. */
  queueSources(projectId: string, targets: string[]): Promise<QueueSource[]> {
    return targets.length === 0 ? Promise.resolve([]) : this.store.findQueueSources(projectId, [...new Set(targets)]);
  }
}
