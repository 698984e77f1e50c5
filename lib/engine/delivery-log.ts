// The push delivery log the HUD reads (vocabulary only; the store answers it): every delivery of
// a push queue's messages with where it stands, newest message first, filtered by subscriber and
// status. A delivery is listed for as long as its message is stored — until the message expires
// (the queue's message_expiration: 7 days by default, 30 at most), is deleted, or the queue is
// cleared — the same span over which §3.11's push statuses answer for it, so the log is bounded
// by the queue's own retention and needs no housekeeping of its own.
import type { PushStatus, PushStatusName } from './types';

/** One subscriber's delivery of one message: §3.11's push status and what the HUD shows beyond it. */
export interface DeliveryRecord extends PushStatus {
  messageId: string;
  /**
   * When the next attempt is due, or, while waiting for a 202's acknowledgement, when that window
   * ends (epoch ms); while an attempt runs, when its lease ends. Null once the delivery settled.
   */
  nextTryAtMs: number | null;
  /** An attempt is under way right now. */
  isInFlight: boolean;
  /** The error-queue report posted after the last failed attempt, when the queue had an error queue. */
  errorReport: { queueName: string; messageId: string } | null;
}

/** Where a page of the log starts: just after this delivery, in the log's order. */
export interface DeliveryCursor {
  messageId: string;
  subscriberName: string;
}

export interface DeliveryQuery {
  /** Only this message's deliveries (the message inspector); MESSAGE_NOT_FOUND when it is gone. */
  messageId?: string;
  /** Only this subscriber's: its name, or its url when it has none. */
  subscriberName?: string;
  status?: PushStatusName;
  /** Continue after this delivery (a previous page's `next`). */
  after?: DeliveryCursor;
  /** Rows at most, 1..MAX_DELIVERIES_PER_PAGE. */
  limit: number;
}

export interface DeliveryPage {
  /** Newest message first; a message's deliveries by subscriber, descending. */
  deliveries: DeliveryRecord[];
  /** Pass as `after` for the next page; null on the last page. */
  next: DeliveryCursor | null;
}
