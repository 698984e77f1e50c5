// The queue, message and delivery rows both stores keep, column for column (sqlite/schema.ts and
// postgres/schema.ts mirror each other), and their decoding into the engine's types.
import type { DeliveryRecord } from './delivery-log';
import { currentState, type MessageStatus } from './messages';
import type { MessageDetail, MessageState, PushSettings, PushStatus, PushStatusName, Queue, QueueSettings } from './types';

export interface QueueRow {
  project_id: string;
  name: string;
  qid: number;
  id: string;
  settings: string;
  size: number;
  total_messages: number;
  created_at: number;
}

export interface MessageRow {
  id: number;
  qid: number;
  body: string;
  state: number;
  due_at: number | null;
  reservation_id: string | null;
  reserved_count: number;
  created_at: number;
  expires_at: number;
  timeout_ms: number | null;
  push_headers: string | null;
}

const STATE_NAMES: MessageState[] = ['ready', 'delayed', 'reserved'];

export function statusOf(row: MessageRow): MessageStatus {
  return { state: STATE_NAMES[row.state], dueAtMs: row.due_at, reservationId: row.reservation_id, reservedCount: row.reserved_count };
}

/** The row as the engine's MessageDetail; `body` is the row's body as the store decodes it. */
export function toMessageDetail(row: MessageRow, nowMs: number, body = row.body): MessageDetail {
  const state = currentState(statusOf(row), nowMs);
  return {
    id: String(row.id),
    body,
    reservedCount: row.reserved_count,
    state,
    createdAtMs: row.created_at,
    dueAtMs: state === 'ready' ? null : row.due_at,
    expiresAtMs: row.expires_at,
    pushHeaders: row.push_headers === null ? null : (JSON.parse(row.push_headers) as Record<string, string>),
    timeoutMs: row.timeout_ms,
    isDelivered: row.qid < 0,
  };
}

/** Parses a message id; anything that is not a positive integer cannot name a message. */
export function messageKey(id: string): number | undefined {
  if (!/^[1-9][0-9]{0,15}$/.test(id)) return undefined;
  return Number(id);
}

/** Parsed settings stay cached by their JSON text at most this many at once. */
const MAX_CACHED_SETTINGS = 10_000;

export class QueueRowDecoder {
  /** Parsed settings by their JSON text: reserve reads them on every call. */
  private readonly settingsCache = new Map<string, QueueSettings>();

  settingsOf(row: QueueRow): QueueSettings {
    let settings = this.settingsCache.get(row.settings);
    if (!settings) {
      if (this.settingsCache.size >= MAX_CACHED_SETTINGS) this.settingsCache.clear();
      settings = JSON.parse(row.settings) as QueueSettings;
      this.settingsCache.set(row.settings, settings);
    }
    return settings;
  }

  toQueue(row: QueueRow): Queue {
    return {
      ...this.settingsOf(row),
      projectId: row.project_id,
      name: row.name,
      id: row.id,
      size: row.size,
      totalMessages: row.total_messages,
      createdAtMs: row.created_at,
    };
  }
}

/** One row per (push message, subscriber); `in_flight` is 0/1 in SQLite and a boolean in PostgreSQL. */
export interface DeliveryRowOf<InFlight extends number | boolean> {
  message_id: number;
  subscriber: string;
  position: number;
  url: string;
  status: string;
  tries: number;
  status_code: number;
  error_msg: string | null;
  last_try_at: number | null;
  next_try_at: number | null;
  in_flight: InFlight;
  reservation_id: string | null;
  qid: number | null;
  report_queue: string | null;
  report_id: number | null;
}

type AnyDeliveryRow = DeliveryRowOf<number | boolean>;

/** `retries` counts attempts in total; 0 still means one attempt (§4.8.2). */
export function maxTries(push: PushSettings): number {
  return Math.max(push.retries, 1);
}

/** A delivery as §3.11's push statuses show it. */
export function toPushStatus(d: AnyDeliveryRow, push: PushSettings | null): PushStatus {
  const limit = push ? maxTries(push) : 1;
  return {
    subscriberName: d.subscriber,
    subscriberId: String(d.position),
    url: d.url,
    status: d.status as PushStatusName,
    statusCode: d.status_code,
    tries: d.tries,
    retriesRemaining: Math.max(limit - d.tries, 0),
    retriesDelayMs: push?.retriesDelayMs ?? 0,
    lastTryAtMs: d.last_try_at,
    errorMessage: d.error_msg,
  };
}

/** A delivery as the HUD's delivery log shows it. */
export function toDeliveryRecord(d: AnyDeliveryRow, push: PushSettings | null): DeliveryRecord {
  const isSettled = d.status === 'deleted' || d.status === 'error';
  return {
    ...toPushStatus(d, push),
    messageId: String(d.message_id),
    nextTryAtMs: isSettled ? null : d.next_try_at,
    isInFlight: d.in_flight === true || d.in_flight === 1,
    errorReport: d.report_queue !== null && d.report_id !== null ? { queueName: d.report_queue, messageId: String(d.report_id) } : null,
  };
}
