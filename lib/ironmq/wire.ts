// Translation between IronMQ's JSON (snake_case, seconds) and the engine's types (camelCase,
// milliseconds), in both directions, for every v3 shape. This file and wire-v1.ts are the only
// places where seconds and milliseconds meet.
import type { NewMessageInput } from '../engine/engine';
import type { Alert, AlertDirection, AlertType, Message, MessageRef, PushStatus, Queue, QueuePatch, Subscriber } from '../engine/types';
import { badRequest } from './errors';
import { isObject, optionalArray, optionalInteger, optionalObject, optionalString, optionalStringMap, type JsonObject } from './fields';

const SECOND_MS = 1000;

/** Milliseconds as the wire's whole seconds. */
export const seconds = (ms: number) => Math.round(ms / SECOND_MS);

/** An integer of seconds as milliseconds where 0 is a real value (delays, waits). */
export function optionalSecondsMs(source: JsonObject, key: string): number | undefined {
  const value = optionalInteger(source, key);
  if (value === undefined) return undefined;
  if (value < 0) throw badRequest(`${key} must not be negative`);
  return value * SECOND_MS;
}

/** An integer of seconds as milliseconds, where 0 (or absence) means "use the default" (§0.8). */
export function optionalPositiveSecondsMs(source: JsonObject, key: string): number | undefined {
  const ms = optionalSecondsMs(source, key);
  return ms === 0 ? undefined : ms;
}

/** A query parameter of seconds as milliseconds; 0, empty or absent mean the default (v1's GET reserve). */
export function querySecondsMs(query: URLSearchParams, key: string): number | undefined {
  const raw = query.get(key);
  if (raw === null || raw === '') return undefined;
  if (!/^-?\d{1,15}$/.test(raw)) throw badRequest(`${key} must be an integer`);
  const value = Number(raw);
  if (value < 0) throw badRequest(`${key} must not be negative`);
  return value ? value * SECOND_MS : undefined;
}

/** The v3 queue object (§2.1); create replies omit the counters (§2.2). */
export function queueToWire(queue: Queue, options: { hasCounters: boolean } = { hasCounters: true }): JsonObject {
  const { hasCounters } = options;
  const wire: JsonObject = {
    id: queue.id,
    project_id: queue.projectId,
    name: queue.name,
    ...(hasCounters ? { size: queue.size, total_messages: queue.totalMessages } : {}),
    message_timeout: seconds(queue.messageTimeoutMs),
    message_expiration: seconds(queue.messageExpirationMs),
    type: queue.type,
  };
  if (queue.push) {
    wire.push = {
      subscribers: queue.push.subscribers.map(({ name, url, headers }) => ({ name, url, headers })),
      retries: queue.push.retries,
      retries_delay: seconds(queue.push.retriesDelayMs),
      ...(queue.push.errorQueue ? { error_queue: queue.push.errorQueue } : {}),
    };
  }
  if (queue.alerts.length > 0) {
    wire.alerts = queue.alerts.map(alertToWire);
  }
  if (queue.deadLetter) {
    wire.dead_letter = { queue_name: queue.deadLetter.queueName, max_reservations: queue.deadLetter.maxReservations };
  }
  return wire;
}

/** An alert as both API versions show it (§2.8, §5.2). */
export function alertToWire(alert: Alert): JsonObject {
  return {
    id: alert.id,
    type: alert.type,
    trigger: alert.trigger,
    direction: alert.direction,
    queue: alert.queue,
    snooze: seconds(alert.snoozeMs),
  };
}

/** Peek and get-by-id items carry no reservation id (§3.1). */
export function messageToWire(message: Message): JsonObject {
  return { id: message.id, body: message.body, reserved_count: message.reservedCount };
}


export function parseSubscriber(value: unknown): Subscriber {
  if (!isObject(value)) throw badRequest('Each subscriber must be an object');
  const url = optionalString(value, 'url');
  if (!url) throw badRequest('Each subscriber needs a url');
  return { name: optionalString(value, 'name') ?? '', url, headers: optionalStringMap(value, 'headers') ?? {} };
}

const rfc3339 = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, 'Z');

/** One subscriber's delivery of a push message (§3.11). */
export function pushStatusToWire(status: PushStatus): JsonObject {
  return {
    name: status.subscriberName,
    url: status.url,
    status: status.status,
    status_code: status.statusCode,
    tries: status.tries,
    retries_remaining: status.retriesRemaining,
    retries_delay: seconds(status.retriesDelayMs),
    ...(status.lastTryAtMs === null ? {} : { last_try_at: rfc3339(status.lastTryAtMs) }),
    ...(status.errorMessage === null ? {} : { msg: status.errorMessage }),
  };
}

/** One alert of a request (§2.8); `{}` stays empty, which means "no alert" (node's clear_alerts). */
export function parseAlert(value: unknown): NonNullable<QueuePatch['alerts']>[number] | JsonObject {
  if (!isObject(value)) throw badRequest('Each alert must be an object');
  if (Object.keys(value).length === 0) return {};
  const type = optionalString(value, 'type');
  if (type !== 'fixed' && type !== 'progressive') throw badRequest('Alert type must be fixed or progressive');
  const direction = optionalString(value, 'direction') || 'asc';
  if (direction !== 'asc' && direction !== 'desc') throw badRequest('Alert direction must be asc or desc');
  const trigger = optionalInteger(value, 'trigger');
  if (trigger === undefined || trigger < 1) throw badRequest('Alert trigger must be an integer greater than 0');
  const queue = optionalString(value, 'queue');
  if (!queue) throw badRequest('Alert queue is required');
  const snoozeMs = optionalSecondsMs(value, 'snooze') ?? 0;
  const id = optionalString(value, 'id');
  return { type: type as AlertType, direction: direction as AlertDirection, trigger, queue, snoozeMs, ...(id ? { id } : {}) };
}

/** `{"queue": {...}}` of create and update (§2.2, §2.4); read-only and unknown keys are ignored. */
export function parseQueuePatch(body: JsonObject): QueuePatch {
  const source = optionalObject(body, 'queue') ?? {};
  const patch: QueuePatch = {};
  // The engine checks the type against its list; here it only has to be a string.
  const type = optionalString(source, 'type');
  if (type) patch.type = type;
  patch.messageTimeoutMs = optionalPositiveSecondsMs(source, 'message_timeout');
  patch.messageExpirationMs = optionalPositiveSecondsMs(source, 'message_expiration');
  const push = optionalObject(source, 'push');
  if (push) {
    patch.push = {
      subscribers: optionalArray(push, 'subscribers')?.map(parseSubscriber),
      retries: optionalInteger(push, 'retries'),
      retriesDelayMs: optionalPositiveSecondsMs(push, 'retries_delay'),
      errorQueue: optionalString(push, 'error_queue'),
    };
  }
  const alerts = optionalArray(source, 'alerts');
  if (alerts) patch.alerts = alerts.map(parseAlert) as QueuePatch['alerts'];
  const deadLetter = optionalObject(source, 'dead_letter');
  if (deadLetter) {
    const maxReservations = optionalInteger(deadLetter, 'max_reservations');
    patch.deadLetter = {
      queueName: optionalString(deadLetter, 'queue_name'),
      maxReservations: maxReservations === 0 ? undefined : maxReservations,
    };
  }
  return patch;
}

/**
 * The `messages` array of a post, each item an object with a string body; `read` turns an item
 * into the engine's input (v3 and v1 differ in the optional fields they take).
 */
export function parseMessageItems(body: JsonObject, read: (item: JsonObject, text: string) => NewMessageInput): NewMessageInput[] {
  const messages = optionalArray(body, 'messages');
  if (!messages || messages.length === 0) throw badRequest('messages must be a non-empty array');
  return messages.map((item) => {
    if (!isObject(item)) throw badRequest('Each message must be an object');
    const text = optionalString(item, 'body');
    if (text === undefined) throw badRequest('Each message needs a string body');
    return read(item, text);
  });
}

const BACKSLASH = 0x5c;

/**
 * `{"messages": [{body, delay?, push_headers?}]}` of a v3 post (§3.2), parsed from `rawBody`.
 * JSON text cannot hold a quote or a control character in a string unescaped, so when the
 * request has no backslash at all no body needs escaping: the store may keep that (NewMessage).
 */
export function parseNewMessages(body: JsonObject, rawBody: Buffer): NewMessageInput[] {
  const isBodyEscapeFree = !rawBody.includes(BACKSLASH);
  return parseMessageItems(body, (item, text) => ({
    body: text,
    delayMs: optionalSecondsMs(item, 'delay') ?? 0,
    pushHeaders: optionalStringMap(item, 'push_headers') ?? null,
    ...(isBodyEscapeFree ? { isBodyEscapeFree } : {}),
  }));
}

/** A reservation id where `""` means absent (§0.9). */
export function reservationIdOf(source: JsonObject): string | undefined {
  return optionalString(source, 'reservation_id') || undefined;
}

/** Batch-delete `ids`: objects `{id, reservation_id?}` or bare id strings (§0.14). */
export function parseMessageRefs(ids: unknown[]): MessageRef[] {
  return ids.map((item) => {
    if (typeof item === 'string') return { id: item };
    if (!isObject(item)) throw badRequest('Each id must be a string or an object with an id');
    const id = optionalString(item, 'id');
    if (!id) throw badRequest('Each id object needs an id');
    return { id, reservationId: reservationIdOf(item) };
  });
}
