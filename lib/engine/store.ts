// The storage contract every backend implements: the embedded SQLite store now, a PostgreSQL
// store for several server instances next. Each method is one atomic operation, so whatever
// several instances must agree on (who holds a reservation, which message is next) is decided
// inside the store, never in one process's memory. A resolved promise means the change is
// durable. Every store must pass store-conformance.ts.
import type { DeliveryPage, DeliveryQuery } from './delivery-log';
import type { NewRedrive, RedriveBatch, RedriveJob } from './redrive';
import type {
  DeliveryAttempt,
  DeliveryOutcome,
  MessageDetail,
  MessageRef,
  NewMessage,
  PushStatus,
  Queue,
  QueueCounts,
  QueueListRequest,
  QueueSettings,
  QueueSource,
  ReservedMessage,
} from './types';

export interface ReserveRequest {
  /** How many messages at most, 1..100. */
  n: number;
  /** Reservation length (ms); absent means the message's own (v1) or the queue's message timeout. */
  timeoutMs?: number;
  /** Delete the messages instead of reserving them (reserve with `delete: true`). */
  isDelete: boolean;
}

/** The outcome of moving through messages in a reserve: what the caller got and what moved. */
export interface ReserveResult {
  messages: ReservedMessage[];
  /** The queue right after the reserve. */
  queue: Queue;
  /** Messages moved to the dead-letter queue by this reserve, count. */
  deadLettered: number;
  /** The dead-letter queue right after the moves, when there were any. */
  deadLetterQueue?: Queue;
}

/** New messages' ids, in request order, and the queue right after they arrived. */
export interface PostResult {
  ids: string[];
  queue: Queue;
}

/** How a single-message delete was taken: a delete, or a push subscriber's acknowledgement. */
export interface DeleteResult {
  isAcknowledgement: boolean;
  /** The queue right after. */
  queue: Queue;
}

/** A delete of one message, which on a push queue may be a subscriber's acknowledgement (§4.8.5). */
export interface DeleteRef extends MessageRef {
  /** The subscriber acknowledging a 202 of a push queue. */
  subscriberName?: string;
}

export interface MessagePage {
  messages: MessageDetail[];
  /** Pass as `afterId` to read the next page; null on the last page. */
  nextAfterId: string | null;
}

export interface QueueRef {
  projectId: string;
  queueName: string;
}

/** What one sweep removed. */
export interface SweepResult {
  /** Rows removed: expired messages plus leftovers of cleared or deleted queues, count. */
  removed: number;
  /** Existing queues that lost expired messages, with how many each (count) and the queue after. */
  expired: Array<QueueRef & { count: number; queue: Queue }>;
}

/** One queue as monitoring sees it. */
export interface QueueStats {
  projectId: string;
  name: string;
  /** Messages stored, count. */
  size: number;
  /** Messages ever posted, count. */
  totalMessages: number;
  reserved: number;
  delayed: number;
  /** When the message at the front of the queue was posted (epoch ms); null when none is available. */
  oldestReadyAtMs: number | null;
}

export interface QueueStatsSnapshot {
  /** The largest queues, largest first. */
  largest: QueueStats[];
  /** Sums over every queue, the largest ones included. */
  all: { queues: number; size: number; totalMessages: number };
}

/** Attempts leased to the pusher, and the error queues that received reports meanwhile. */
export interface DeliveryClaim {
  attempts: DeliveryAttempt[];
  errorQueues: QueueRef[];
}

/** What the pusher asks for when it claims attempts. */
export interface ClaimRequest {
  /** Attempts at most, count. */
  limit: number;
  /** How long the pusher holds each attempt before it counts as interrupted (ms). */
  leaseMs: number;
  /** Attempts at most of one subscriber url, for urls not in roomByUrl (the pusher's cap per subscriber). */
  perUrlLimit: number;
  /** Urls with attempts in flight: how many more each may take; one with none keeps its attempts due. */
  roomByUrl: Record<string, number>;
}

/** A subscriber's acknowledgement of a 202 (§4.8.5). */
export interface DeliveryAck {
  messageId: string;
  reservationId: string | undefined;
  /** Absent: v1's subscriberId, or else the reservation id alone, names the delivery. */
  subscriberName?: string;
  /** v1's per-subscriber id (Iron-Subscriber-Message-Id): the subscriber's place in the queue's list. */
  subscriberId?: string;
  /** v1 acknowledges by subscriber id alone, without a reservation id (§5.3). */
  isReservationIgnored?: boolean;
}

export interface QueueStore {
  /**
   * The queue, or undefined when the project has no queue of that name. With nowMs, `size`
   * leaves out messages expired by then that housekeeping has not removed yet.
   */
  getQueue(projectId: string, name: string, nowMs?: number): Promise<Queue | undefined>;

  /** Queue names of a project in ascending code-point order, filtered and paged (§2.6). */
  listQueueNames(projectId: string, request: QueueListRequest): Promise<string[]>;

  /**
   * Creates or updates a queue atomically: `decide` receives the current queue (undefined when
   * missing) and returns the settings to store, or throws an EngineError to change nothing.
   */
  saveQueue(
    projectId: string,
    name: string,
    decide: (current: Queue | undefined) => QueueSettings,
    nowMs: number,
  ): Promise<{ queue: Queue; isCreated: boolean }>;

  /** Deletes a queue with its messages; false when there was none. */
  deleteQueue(projectId: string, name: string): Promise<boolean>;

  /** Deletes every queue of a project with their messages, at once; returns how many queues. */
  deleteQueues(projectId: string): Promise<number>;

  /**
   * Appends messages (all or none), creating a pull queue with default settings when missing.
   * Returns the new ids in request order and the queue as the post left it. A store whose commits
   * become durable after they are visible (SQLite's fsync off the thread) may call `onCommitted`
   * in between, so long polls wake a disk sync earlier: their reserves run in later write
   * transactions, answered only once durable, which makes this post durable first. Other stores
   * never call it.
   */
  postMessages(projectId: string, name: string, messages: NewMessage[], nowMs: number, onCommitted?: () => void): Promise<PostResult>;

  /**
   * Reserves (or deletes, with isDelete) up to n available messages in queue order. A candidate
   * already reserved maxReservations times moves to the dead-letter queue instead. Throws
   * QUEUE_NOT_FOUND.
   */
  reserveMessages(projectId: string, name: string, request: ReserveRequest, nowMs: number): Promise<ReserveResult>;

  /** Up to n available messages in queue order, changing nothing. Throws QUEUE_NOT_FOUND. */
  peekMessages(projectId: string, name: string, n: number, nowMs: number): Promise<MessageDetail[]>;

  /** Every stored message in id order, whatever its state, from after `afterId`. */
  browseMessages(projectId: string, name: string, afterId: string | null, limit: number, nowMs: number): Promise<MessagePage>;

  /** One message by id. Throws QUEUE_NOT_FOUND or MESSAGE_NOT_FOUND. */
  getMessage(projectId: string, name: string, id: string, nowMs: number): Promise<MessageDetail>;

  /**
   * Deletes the messages, all or none: each must exist (MESSAGE_NOT_FOUND) and, when reserved,
   * carry its current reservation id; a stale reservation id fails too (RESERVATION_MISMATCH).
   * Returns the queue as the delete left it.
   */
  deleteMessages(projectId: string, name: string, refs: MessageRef[], nowMs: number): Promise<Queue>;

  /**
   * Deletes one message like deleteMessages, except on a push queue when the ref names a
   * subscriber or a reservation: then it is that subscriber's acknowledgement of a 202, exactly
   * as acknowledgeDelivery, and the message stays for the other subscribers. Decided here, with
   * the queue's type read in the same atomic operation.
   */
  deleteMessage(projectId: string, name: string, ref: DeleteRef, nowMs: number): Promise<DeleteResult>;

  /** Extends a held reservation with a new id, from now. Throws RESERVATION_MISMATCH. */
  touchMessage(projectId: string, name: string, ref: MessageRef, timeoutMs: number | undefined, nowMs: number): Promise<ReservedMessage>;

  /** Ends a held reservation; the message returns to its place after delayMs. Returns the queue after. */
  releaseMessage(projectId: string, name: string, ref: MessageRef, delayMs: number, nowMs: number): Promise<Queue>;

  /** Removes every message of the queue; returns how many and the queue after. Throws QUEUE_NOT_FOUND. */
  clearMessages(projectId: string, name: string): Promise<{ removed: number; queue: Queue }>;

  /** Message counts by state as of nowMs. Throws QUEUE_NOT_FOUND. */
  countMessages(projectId: string, name: string, nowMs: number): Promise<QueueCounts>;

  /**
   * The earliest instant after nowMs at which a delayed or reserved message of the queue becomes
   * available, or undefined when none is waiting: long polls sleep until then.
   */
  nextDueAtMs(projectId: string, name: string, nowMs: number): Promise<number | undefined>;

  /**
   * Housekeeping: removes up to about `limit` expired messages and leftovers of cleared or
   * deleted queues; reports how many rows it removed (call again while that reaches `limit`)
   * and which queues lost expired messages, so their size change reaches alerts.
   */
  sweep(nowMs: number, limit: number): Promise<SweepResult>;

  /**
   * Leases due push attempts to the pusher. Attempts whose lease ran out without an
   * outcome (the process died) count as failed tries; unacknowledged 202s time out here too.
   */
  claimDeliveries(request: ClaimRequest, nowMs: number): Promise<DeliveryClaim>;

  /** Settles a leased attempt; returns the error queues that received a failure report. */
  recordDeliveryOutcome(outcome: DeliveryOutcome, nowMs: number): Promise<QueueRef[]>;

  /** Hands a leased attempt back unstarted; it is due again at untilMs and counts no try. */
  deferDelivery(attempt: DeliveryAttempt, untilMs: number): Promise<void>;

  /** Marks a 202-accepted delivery delivered. Throws MESSAGE_NOT_FOUND, RESERVATION_MISMATCH. */
  acknowledgeDelivery(projectId: string, name: string, ack: DeliveryAck, nowMs: number): Promise<void>;

  /** One status per subscriber of a push message; [] for pull messages. Throws *_NOT_FOUND. */
  getPushStatuses(projectId: string, name: string, messageId: string, nowMs: number): Promise<PushStatus[]>;

  /** When the next push attempt or ack deadline falls due, leaving out the skipped subscribers. */
  nextDeliveryDueAtMs(skippedUrls: string[]): Promise<number | undefined>;

  /**
   * A queue's push deliveries (delivery-log.ts), newest message first, filtered and paged; with
   * `messageId`, that message's deliveries in subscriber order. Throws QUEUE_NOT_FOUND, and
   * MESSAGE_NOT_FOUND for a `messageId` that is gone. [] for a pull queue.
   */
  listDeliveries(projectId: string, name: string, query: DeliveryQuery, nowMs: number): Promise<DeliveryPage>;

  /** The newest `limit` stored messages in any state, newest first; changes nothing. Throws QUEUE_NOT_FOUND. */
  latestMessages(projectId: string, name: string, limit: number, nowMs: number): Promise<MessageDetail[]>;

  /** The queues of a project whose dead-letter queue or error queue is one of `targets`. */
  findQueueSources(projectId: string, targets: string[]): Promise<QueueSource[]>;

  /**
   * Records a running redrive job (redrive.ts). It will move the selected messages, or every
   * message of the source up to the newest id allocated now. Throws QUEUE_NOT_FOUND for a missing
   * source or target. Finished jobs of the source beyond MAX_REDRIVE_HISTORY are forgotten.
   */
  createRedrive(job: NewRedrive, nowMs: number): Promise<RedriveJob>;

  /** The job, or undefined when the project has no job of that id. */
  getRedrive(projectId: string, id: string): Promise<RedriveJob | undefined>;

  /** A source queue's jobs, newest first. */
  listRedrives(projectId: string, sourceQueue: string, limit: number): Promise<RedriveJob[]>;

  /** Stops a running job after its current batch; a finished one is returned unchanged. Undefined when unknown. */
  cancelRedrive(projectId: string, id: string, nowMs: number): Promise<RedriveJob | undefined>;

  /** Leases a running job nobody holds (or whose holder's lease ran out) to a redrive worker. */
  claimRedrive(leaseMs: number, nowMs: number): Promise<RedriveJob | undefined>;

  /**
   * Moves up to `limit` of the job's next messages in one atomic operation: posted to the target,
   * deleted from the source, the job's progress advanced, its lease renewed. A job that is no
   * longer running moves nothing. Ends the job when nothing is left, or when its source was
   * cleared or deleted or its target deleted. Throws INVALID_ARGUMENT for an unknown job.
   */
  moveRedriveBatch(id: string, limit: number, leaseMs: number, nowMs: number): Promise<RedriveBatch>;

  /**
   * For monitoring: the `limit` largest queues of every project with their counts by state and
   * the posting time of their oldest available message, and the sums over every queue. Cheap
   * enough to call once a second with 10,000 queues.
   */
  queueStats(limit: number, nowMs: number): Promise<QueueStatsSnapshot>;

  /** Proves the store can still make a write durable (for readiness checks); throws STORAGE_UNAVAILABLE when not. */
  ping(): Promise<void>;

  /** Flushes pending writes and releases the backend. */
  close(): Promise<void>;
}
