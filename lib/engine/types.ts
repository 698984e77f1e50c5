// The engine's whole vocabulary. Inside the engine every instant is epoch milliseconds and every
// duration is milliseconds (names end in `Ms`); IronMQ's seconds exist only at the HTTP boundary.

/** `pull` queues are consumed by reserve; `multicast`/`unicast` queues push to subscribers. */
export const QUEUE_TYPES = ['pull', 'multicast', 'unicast'] as const;
export type QueueType = (typeof QUEUE_TYPES)[number];

/** A push destination of a push queue (§2.7). */
export interface Subscriber {
  /** Identity within the queue; may be empty, in which case `url` identifies it. */
  name: string;
  /** http(s)://, ironmq:/// or ironworker:// destination. */
  url: string;
  /** Extra request headers sent with every push to this subscriber. */
  headers: Record<string, string>;
}

/** Push settings of a multicast or unicast queue (§2.2). */
export interface PushSettings {
  subscribers: Subscriber[];
  /** Total number of delivery attempts per subscriber (count). */
  retries: number;
  /** Wait between attempts, and the window for a 202 acknowledgement (ms). */
  retriesDelayMs: number;
  /** Queue that receives a report of each failed delivery; empty string when disabled. */
  errorQueue: string;
  /**
   * The API whose push headers and acknowledgement URL subscribers get (§5.3): 1 for queues set
   * up through /1/, absent for v3.
   */
  apiVersion?: 1;
}

export type AlertType = 'fixed' | 'progressive';
export type AlertDirection = 'asc' | 'desc';

/** A size alert on a pull queue (§2.8, §4.9). */
export interface Alert {
  /** 24 lowercase hex characters. */
  id: string;
  type: AlertType;
  /** Queue size (messages) at which, or at multiples of which, the alert fires. */
  trigger: number;
  direction: AlertDirection;
  /** Name of the queue, in the same project, that receives the alert message. */
  queue: string;
  /** Minimum time between two firings of this alert (ms); 0 means none. */
  snoozeMs: number;
}

/** Dead-letter policy of a pull queue (§2.9, §4.6). */
export interface DeadLetter {
  /** Queue that receives messages reserved too often. */
  queueName: string;
  /** A reserve that meets a message reserved this many times (count) moves it instead. */
  maxReservations: number;
}

/** Everything a person can configure on a queue. */
export interface QueueSettings {
  type: QueueType;
  /** Default reservation length for reserve and touch (ms). */
  messageTimeoutMs: number;
  /** Lifetime of a message from the moment it enters the queue (ms). */
  messageExpirationMs: number;
  /** Present exactly when `type` is multicast or unicast. */
  push: PushSettings | null;
  alerts: Alert[];
  deadLetter: DeadLetter | null;
}

/** A queue as stored: its settings plus identity and counters. */
export interface Queue extends QueueSettings {
  projectId: string;
  name: string;
  /** 24 lowercase hex characters; a queue deleted and created again gets a new one. */
  id: string;
  /** Messages stored (ready + reserved + delayed), count. */
  size: number;
  /** Messages ever posted to this queue, count; never decreases. */
  totalMessages: number;
  /** Creation instant (epoch ms). */
  createdAtMs: number;
}

/** A change to a queue's settings: absent fields stay as they are. */
export interface QueuePatch {
  /** As the request gave it: applyQueuePatch checks it against QUEUE_TYPES. */
  type?: string;
  messageTimeoutMs?: number;
  messageExpirationMs?: number;
  /** Absent fields of the push section stay as they are; `subscribers` replaces the list. */
  push?: Partial<PushSettings>;
  /** Replaces the whole alert list; ids are assigned to new alerts. */
  alerts?: Array<Omit<Alert, 'id'> & { id?: string }>;
  /**
   * `null` (or an empty queue name) removes the policy; an absent queueName or maxReservations
   * keeps the current one.
   */
  deadLetter?: { queueName?: string; maxReservations?: number } | null;
}

/** One message in a post request. */
export interface NewMessage {
  /** Message payload, any string including the empty one. */
  body: string;
  /** Time before the message becomes available (ms). */
  delayMs: number;
  /** Headers added to each push of this message; push queues only. */
  pushHeaders: Record<string, string> | null;
  /** v1 only: this message's own reservation length (ms). */
  timeoutMs?: number;
  /** v1 only: this message's own lifetime (ms). */
  expiresInMs?: number;
  /**
   * The body holds no character a JSON string must escape (a quote, a backslash, a control
   * character), as the wire API knows of a request with no backslash in it. A store may keep
   * the fact, to hand out the body's bytes as `ReservedMessage.escapeFreeBody`.
   */
  isBodyEscapeFree?: boolean;
}

/** The lifecycle states a stored message can be in (see messages.ts for the diagram). */
export type MessageState = 'ready' | 'delayed' | 'reserved';

/** What peek and get-by-id show of a message. */
export interface Message {
  /** Decimal string of a positive 64-bit integer; increases in enqueue order. */
  id: string;
  body: string;
  /** Times the message was reserved or touched, count. */
  reservedCount: number;
}

/** A message handed out by a reserve: the caller holds it until `reservedUntilMs`. */
export interface ReservedMessage extends Message {
  /** 32 lowercase hex characters; proves the holder's right to delete, touch or release. */
  reservationId: string;
  /** End of the reservation (epoch ms). */
  reservedUntilMs: number;
  /** Length of this reservation (ms). */
  timeoutMs: number;
  /**
   * The body's UTF-8 bytes, when the store knows they need no JSON escaping: a reply copies them
   * as the body's JSON string content instead of escaping `body` again. Absent otherwise.
   */
  escapeFreeBody?: Uint8Array;
}

/** A message with everything the store knows of it, for get-by-id and browsing. */
export interface MessageDetail extends Message {
  state: MessageState;
  /** Instant the message entered the queue (epoch ms). */
  createdAtMs: number;
  /** Instant it becomes available again when delayed or reserved (epoch ms), else null. */
  dueAtMs: number | null;
  /** Instant it disappears whatever its state (epoch ms). */
  expiresAtMs: number;
  pushHeaders: Record<string, string> | null;
  /** v1 per-message reservation length (ms), when it was posted with one. */
  timeoutMs: number | null;
  /** A push message whose deliveries all ended: out of the queue, still readable until it expires. */
  isDelivered: boolean;
}

/** Names one message in a delete, touch or release, with the caller's proof of reservation. */
export interface MessageRef {
  id: string;
  /** Absent means the caller claims no reservation. */
  reservationId?: string;
  /**
   * v1 has no reservation ids: delete needs none, and touch and release act on whatever
   * reservation the message currently has (§5.3).
   */
  isReservationIgnored?: boolean;
}

/** A page of queue names for listing (§2.6). */
export interface QueueListRequest {
  /** Only names that start with this. */
  prefix: string;
  /** Only names strictly greater than this (exclusive cursor). */
  after: string;
  /** Page size, count. */
  limit: number;
  /** Names to skip first (v1's page × per_page), count. */
  offset?: number;
}

/** Message counts by state, for the dashboard and the v1 `reserved` field. */
export interface QueueCounts {
  ready: number;
  delayed: number;
  reserved: number;
}

/** Where one subscriber's delivery of one push message stands (§3.11, §4.8.2). */
export type PushStatusName = 'queued' | 'retrying' | 'reserved' | 'deleted' | 'error';

/** A push status as the API shows it. */
export interface PushStatus {
  subscriberName: string;
  /** v1's per-subscriber id: the subscriber's place in the queue's list when the message was posted. */
  subscriberId: string;
  url: string;
  status: PushStatusName;
  /** HTTP status of the last attempt; 0 before the first one finished. */
  statusCode: number;
  /** Finished attempts, count. */
  tries: number;
  /** Attempts left, count. */
  retriesRemaining: number;
  retriesDelayMs: number;
  /** End of the last attempt (epoch ms), null before the first. */
  lastTryAtMs: number | null;
  /** Transport or subscriber error of the last failed attempt. */
  errorMessage: string | null;
}

/** One delivery attempt handed to the pusher, leased to it until `leaseUntilMs`. */
export interface DeliveryAttempt {
  projectId: string;
  queueName: string;
  messageId: string;
  body: string;
  pushHeaders: Record<string, string> | null;
  subscriber: Subscriber;
  /** The subscriber's place in the queue's list: v1's per-subscriber id (Iron-Subscriber-Message-Id). */
  subscriberId: string;
  /** The API whose headers the push carries (§5.3). */
  apiVersion: 1 | 3;
  /** Proves this attempt when the subscriber acknowledges a 202 (Iron-Reservation-Id). */
  reservationId: string;
  leaseUntilMs: number;
  /** Tries this delivery already made, count: above 0, this attempt is a retry. */
  tries: number;
}

/** What became of an attempt. */
export interface DeliveryOutcome {
  messageId: string;
  subscriberName: string;
  reservationId: string;
  /** HTTP status; 0 when no response arrived. */
  statusCode: number;
  /** 'delivered' for 2xx (not 202), 'accepted' for 202, else 'failed'. */
  result: 'delivered' | 'accepted' | 'failed';
  errorMessage: string | null;
}

/** A report the store asks to have posted to an error queue after a final failure (§4.8.6). */
export interface DeliveryFailure {
  projectId: string;
  errorQueue: string;
  messageId: string;
  body: string;
  headers: Record<string, string>;
  subscriber: Subscriber;
  statusCode: number;
  errorMessage: string | null;
}

/** A queue that names another as its dead-letter queue or error queue (the HUD's badges). */
export interface QueueSource {
  /** The queue whose settings name `target`. */
  sourceQueue: string;
  target: string;
  kind: 'deadLetter' | 'errorQueue';
}

/** A listing request of the engine (§2.6; v1's page §5.1). */
export interface ListQueuesRequest {
  prefix?: string;
  /** Exclusive cursor: only names after this one. */
  previous?: string;
  /** Page size; clamped to 1..100, default 30. */
  perPage?: number;
  /** v1 paging: pages of perPage to skip (0..100). */
  page?: number;
}

export interface ReserveOptions {
  /** Messages wanted; clamped to 1..100, default 1. */
  n?: number;
  /** Reservation length (ms); default the message's own (v1) or the queue's message timeout. */
  timeoutMs?: number;
  /** Long-poll time when nothing is available (ms); clamped to 0..30 s. */
  waitMs?: number;
  /** Delete the messages instead of reserving them. */
  isDelete?: boolean;
  /** Aborts a long poll, e.g. when the client went away. */
  signal?: AbortSignal;
}

/** A message to post; delay and push headers may be left out. */
export type NewMessageInput = Omit<NewMessage, 'delayMs' | 'pushHeaders'> &
  Partial<Pick<NewMessage, 'delayMs' | 'pushHeaders'>>;
