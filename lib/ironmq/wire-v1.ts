// Translation for the v1 wire API (IronMQ "v2" product, §5): bare objects instead of wrapped
// ones, a per-message timeout, subscribers known by url, and no reservation ids. Units convert
// here and in wire.ts only.
import type { NewMessageInput } from '../engine/engine';
import type { MessageDetail, PushStatus, Queue, QueueCounts, QueuePatch, ReservedMessage, Subscriber } from '../engine/types';
import { badRequest } from './errors';
import { isObject, optionalArray, optionalInteger, optionalString, optionalStringMap, type JsonObject } from './fields';
import { alertToWire, optionalPositiveSecondsMs, optionalSecondsMs, parseMessageItems, parseQueuePatch, seconds } from './wire';

/** The bare v1 queue object (§5.2); `reserved` counts messages currently reserved. */
export function queueToWireV1(queue: Queue, counts: QueueCounts): JsonObject {
  const wire: JsonObject = {
    id: queue.id,
    project_id: queue.projectId,
    name: queue.name,
    size: queue.size,
    total_messages: queue.totalMessages,
    reserved: counts.reserved,
  };
  if (queue.push) {
    wire.push_type = queue.type;
    wire.retries = queue.push.retries;
    wire.retries_delay = seconds(queue.push.retriesDelayMs);
    if (queue.push.errorQueue) wire.error_queue = queue.push.errorQueue;
    wire.subscribers = queue.push.subscribers.map(({ url, headers }) => ({ url, headers }));
  }
  if (queue.alerts.length > 0) {
    wire.alerts = queue.alerts.map(alertToWire);
  }
  return wire;
}

/** A v1 reserve item: `timeout` is the reservation length in seconds. */
export function reservedToWireV1(message: ReservedMessage): JsonObject {
  return { id: message.id, body: message.body, timeout: seconds(message.timeoutMs), reserved_count: message.reservedCount };
}

const STATUS_NAMES: Record<MessageDetail['state'], string> = { ready: 'available', delayed: 'delayed', reserved: 'reserved' };

/** The bare v1 message of get-by-id and peek; `timeout` falls back to the queue's. */
export function messageToWireV1(message: MessageDetail, queueTimeoutMs: number): JsonObject {
  return {
    id: message.id,
    body: message.body,
    timeout: seconds(message.timeoutMs ?? queueTimeoutMs),
    status: message.isDelivered ? 'deleted' : STATUS_NAMES[message.state],
    reserved_count: message.reservedCount,
  };
}

/** `{"messages": [{body, timeout?, delay?, expires_in?}]}` of a v1 post (§5.1). */
export function parseNewMessagesV1(body: JsonObject): NewMessageInput[] {
  return parseMessageItems(body, (item, text) => ({
    body: text,
    delayMs: optionalSecondsMs(item, 'delay') ?? 0,
    timeoutMs: optionalPositiveSecondsMs(item, 'timeout'),
    expiresInMs: optionalPositiveSecondsMs(item, 'expires_in'),
  }));
}

/** v1 batch-delete ids: bare strings, or objects with an id (§5.1). */
export function parseIdsV1(ids: unknown[]): string[] {
  return ids.map((item) => {
    if (typeof item === 'string') return item;
    const id = isObject(item) ? optionalString(item, 'id') : undefined;
    if (!id) throw badRequest('Each id must be a string or an object with an id');
    return id;
  });
}

/** A push status as v1 shows it: `id` is the subscriber id its pushes carry (§5.3). */
export function pushStatusToWireV1(status: PushStatus): JsonObject {
  return {
    id: status.subscriberId,
    url: status.url,
    status: status.status,
    status_code: status.statusCode,
    retries_remaining: status.retriesRemaining,
    retries_delay: seconds(status.retriesDelayMs),
    retried: status.tries,
  };
}

/** v1 subscribers carry no name: the url is their identity, and becomes the v3 name (§5.3). */
export function parseSubscribersV1(items: unknown[]): Subscriber[] {
  return items.map((item) => {
    const url = isObject(item) ? optionalString(item, 'url') : undefined;
    if (!url) throw badRequest('Each subscriber needs a url');
    return { name: url, url, headers: (isObject(item) && optionalStringMap(item, 'headers')) || {} };
  });
}

/**
 * The flat v1 queue update (§5.1, §5.2) as a patch under v1's rules (§5.3): whether subscribers
 * turn the queue into a push queue, and whether push settings apply, depends on the queue as
 * stored, so the engine decides that inside its atomic save, not this parser.
 */
export function parseQueueUpdateV1(body: JsonObject): QueuePatch {
  const patch: QueuePatch = {};
  const pushType = optionalString(body, 'push_type');
  if (pushType) patch.type = pushType;
  const subscribers = optionalArray(body, 'subscribers');
  // Read (and type-check) the push fields whatever the queue's type: a wrong type is a 400 even
  // where the value then goes unused.
  patch.push = {
    subscribers: subscribers && parseSubscribersV1(subscribers),
    retries: optionalInteger(body, 'retries'),
    retriesDelayMs: optionalPositiveSecondsMs(body, 'retries_delay'),
    errorQueue: optionalString(body, 'error_queue'),
    apiVersion: 1,
  };
  const alerts = optionalArray(body, 'alerts');
  if (alerts) patch.alerts = parseQueuePatch({ queue: { alerts } }).alerts;
  return patch;
}
