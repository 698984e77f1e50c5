// The shapes of what the HUD's operators see and send beyond queues and messages: push settings,
// alerts and their firings, push deliveries, test pushes and redrive jobs. Plain JSON, camelCase,
// instants in epoch ms and durations in ms, like lib/hud/types.ts, which re-exports them.

/** A push destination (§2.7): its name (may be empty: then its url identifies it), url and extra headers. */
export interface SubscriberView {
  name: string;
  url: string;
  headers: Record<string, string>;
}

export interface PushSettingsView {
  subscribers: SubscriberView[];
  /** Attempts per subscriber in total, count. */
  retries: number;
  /** Wait between attempts, and the window for a 202's acknowledgement (ms). */
  retriesDelayMs: number;
  /** Queue that receives a report of each failed delivery; '' for none. */
  errorQueue: string;
}

export type AlertType = 'fixed' | 'progressive';
export type AlertDirection = 'asc' | 'desc';

export interface AlertView {
  id: string;
  type: AlertType;
  direction: AlertDirection;
  /** Queue size (count) at which, or at each multiple of which, the alert fires. */
  trigger: number;
  /** Queue of the same project that receives the alert message. */
  queue: string;
  /** Minimum time between two firings (ms). */
  snoozeMs: number;
}

/** What an alert form sends. */
export type AlertInput = Omit<AlertView, 'id'>;

/** An alert message found in a target queue, as the alert wrote it (§4.9). */
export interface AlertFiringView {
  messageId: string;
  targetQueue: string;
  alertId: string;
  type: AlertType;
  direction: AlertDirection;
  trigger: number;
  /** The source queue's size after the change that fired it, count. */
  queueSize: number;
  /** When it fired (epoch ms, whole seconds). */
  firedAtMs: number;
}

/** Where one subscriber's delivery of one message stands (§4.8.2); `reserved` waits for a 202's acknowledgement. */
export type DeliveryStatus = 'queued' | 'retrying' | 'reserved' | 'deleted' | 'error';

export interface DeliveryView {
  messageId: string;
  subscriberName: string;
  url: string;
  status: DeliveryStatus;
  /** HTTP status of the last attempt; 0 before the first ends, or when no answer came. */
  statusCode: number;
  tries: number;
  retriesRemaining: number;
  lastTryAtMs: number | null;
  /** Next attempt, or the end of the acknowledgement window, or of the attempt under way (epoch ms); null once settled. */
  nextTryAtMs: number | null;
  isInFlight: boolean;
  /** Why the last attempt failed (the address policy's refusal included); null after a success. */
  errorMessage: string | null;
  /** The error-queue message reporting this delivery's final failure. */
  errorReport: { queueName: string; messageId: string } | null;
}

export interface DeliveryPageView {
  deliveries: DeliveryView[];
  /** Pass as `after` for the next page; null on the last page. */
  nextAfter: string | null;
}

/** The answer to a test push: what the subscriber said, exactly as it said it. */
export interface TestPushView {
  /** 0 when no answer came (refused by the address policy, DNS, connection, timeout). */
  statusCode: number;
  outcome: 'delivered' | 'accepted' | 'failed';
  errorMessage: string | null;
  headers: Array<[string, string]>;
  /** The start of the response body, as text. */
  bodyPreview: string;
  isBodyTruncated: boolean;
  durationMs: number;
}

export type RedriveState = 'running' | 'done' | 'cancelled' | 'failed';

export interface RedriveView {
  id: string;
  sourceQueue: string;
  targetQueue: string;
  state: RedriveState;
  isErrorReport: boolean;
  isSelection: boolean;
  ratePerSecond: number;
  total: number;
  moved: number;
  skipped: number;
  error: string | null;
  createdAtMs: number;
  updatedAtMs: number;
  finishedAtMs: number | null;
}

/** What the redrive form sends. */
export interface RedriveInput {
  targetQueue: string;
  /** Absent: every message; else only these. */
  messageIds?: string[];
  /** Replacement bodies of some selected messages, by id. */
  bodies?: Record<string, string>;
  ratePerSecond: number;
  isErrorReport: boolean;
}
