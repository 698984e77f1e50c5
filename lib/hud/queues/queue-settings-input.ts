// What the create and settings forms send: the BFF's queue JSON (durations in ms).
import type { QueueType, SubscriberView } from '../types';

export interface QueueSettingsInput {
  type?: QueueType;
  messageTimeoutMs?: number;
  messageExpirationMs?: number;
  /** null removes the dead-letter policy. */
  deadLetter?: { queueName: string; maxReservations: number } | null;
  /** Push queues: absent fields stay; `subscribers` replaces the list. */
  push?: { subscribers?: SubscriberView[]; retries?: number; retriesDelayMs?: number; errorQueue?: string };
}
