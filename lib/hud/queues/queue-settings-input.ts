// What the create and settings forms send: the BFF's queue JSON (durations in ms).
import type { QueueType } from '../types';

export interface QueueSettingsInput {
  type?: QueueType;
  messageTimeoutMs?: number;
  messageExpirationMs?: number;
  /** null removes the dead-letter policy. */
  deadLetter?: { queueName: string; maxReservations: number } | null;
  subscriberUrls?: string[];
}
