// The shapes the HUD's BFF (app/api/**) returns and the browser renders: plain JSON, camelCase,
// instants in epoch ms and durations in ms (names end in `Ms`). Components never see engine or
// auth-store classes, only these.

import type { AlertView, PushSettingsView } from './operator-types';

// Push settings, alerts, deliveries, test pushes and redrive jobs have a file of their own.
export type * from './operator-types';

export type QueueType = 'pull' | 'multicast' | 'unicast';
export type MessageState = 'ready' | 'delayed' | 'reserved';

export interface ProjectSummary {
  /** 24 lowercase hex characters, the `project_id` clients send. */
  id: string;
  name: string;
  /** Creation instant (epoch ms). */
  createdAtMs: number;
  queueCount: number;
  /** Messages stored in all its queues now, count. */
  size: number;
  /** Messages ever posted to its queues, count. */
  totalMessages: number;
}

/** An API token as listed: never the secret. */
export interface TokenView {
  id: string;
  name: string;
  /** Last 4 characters of the secret. */
  hint: string;
  createdAtMs: number;
  /** Accurate to about a minute; null when never used. */
  lastUsedAtMs: number | null;
}

/** The answer to a token creation: the only time the secret leaves the server. */
export interface CreatedTokenView {
  token: TokenView;
  secret: string;
}

/** A HUD user as an admin sees it: never a password or its hash. */
export interface UserView {
  id: string;
  email: string;
  /** Admins see and manage every project without grants. */
  isAdmin: boolean;
  createdAtMs: number;
  /** Projects granted to a non-admin, oldest first; empty for an admin. */
  projectIds: string[];
}

export interface QueueSummary {
  name: string;
  type: QueueType;
  /** Messages stored now, count. */
  size: number;
  /** Messages ever posted, count. */
  totalMessages: number;
}

/** A queue this one links to (its dead-letter or error queue), with its size. */
export interface QueueLinkView {
  name: string;
  /** Messages stored now, count; null while the queue does not exist yet (an error queue before its first report). */
  size: number | null;
}

/** Which queues this one hands failures to, and which hand their failures to it. */
export interface QueueRelations {
  deadLetterQueue: QueueLinkView | null;
  errorQueue: QueueLinkView | null;
  /** Queues whose dead-letter queue this is, by name. */
  deadLetterSources: string[];
  /** Push queues whose error queue this is, by name. */
  errorQueueSources: string[];
}

export interface QueueListItem extends QueueSummary {
  relations: QueueRelations;
}

export interface QueuePage {
  queues: QueueListItem[];
  /** Pass as `after` for the next page; null on the last page. */
  nextAfter: string | null;
}

export interface DeadLetterView {
  queueName: string;
  /** Reservations (count) after which a message moves to the dead-letter queue. */
  maxReservations: number;
}

export interface QueueDetail extends QueueSummary {
  createdAtMs: number;
  /** Default reservation length (ms). */
  messageTimeoutMs: number;
  /** Lifetime of a message (ms). */
  messageExpirationMs: number;
  deadLetter: DeadLetterView | null;
  /** Push settings of a multicast or unicast queue; null for pull queues. */
  push: PushSettingsView | null;
  /** Size alerts of a pull queue (§2.8). */
  alerts: AlertView[];
  relations: QueueRelations;
  counts: { ready: number; delayed: number; reserved: number };
}

export interface MessageView {
  /** Decimal string; increases in enqueue order. */
  id: string;
  body: string;
  state: MessageState;
  /** Times reserved or touched, count. */
  reservedCount: number;
  createdAtMs: number;
  /** When a delayed or reserved message becomes ready (epoch ms), else null. */
  dueAtMs: number | null;
  expiresAtMs: number;
  /** A push message whose deliveries all ended: out of the queue's size, still readable until it expires. */
  isDelivered: boolean;
}

export interface MessagePageView {
  messages: MessageView[];
  /** Pass as `after` for the next page; null on the last page. */
  nextAfter: string | null;
}

/** What reserving or touching from the HUD hands back. */
export interface ReservationView {
  id: string;
  reservationId: string;
  /** End of the reservation (epoch ms). */
  reservedUntilMs: number;
}

/** A chart range of the queue overview; lib/hud/history-ranges.ts gives each its span and bucket. */
export type HistoryRange = 'live' | '1h' | '24h' | '7d';

/** Messages per second, averaged over a period. */
export interface QueueRates {
  posted: number;
  reserved: number;
  /** Deleted, cleared, expired or moved to a dead-letter queue. */
  removed: number;
}

/** One bucket of a queue's history; idle buckets carry the size forward with zero rates. */
export interface QueueHistoryPoint extends QueueRates {
  /** Start of the bucket (epoch ms). */
  t: number;
  /** Largest number of messages stored during the bucket, count. */
  size: number;
}

export interface QueueHistory {
  range: HistoryRange;
  /** Width of each bucket (ms). */
  bucketMs: number;
  /** Oldest first, evenly spaced; the last bucket holds now and counts its partial minute. */
  points: QueueHistoryPoint[];
  /** False when nothing was posted, reserved or removed in the range. */
  hasActivity: boolean;
  /** Over the last complete minute and the one in progress. */
  recent: QueueRates;
}

/** Last-hour sizes of one page of the queue list, one minute per value, oldest first. */
export interface QueueSparklines {
  sparklines: Array<{ name: string; sizes: number[] }>;
}

/** Every BFF failure: a code from the closed list in lib/bff/errors.ts and a human sentence. */
export interface BffErrorBody {
  code: string;
  msg: string;
}
