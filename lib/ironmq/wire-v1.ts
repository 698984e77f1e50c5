// Translation for the v1 wire API (IronMQ "v2" product, §5): bare objects instead of wrapped
// ones, a per-message timeout, and no reservation ids. Units convert here as in wire.ts.
import type { NewMessageInput } from '../engine/engine';
import type { MessageDetail, Queue, QueueCounts, ReservedMessage } from '../engine/types';
import { badRequest } from './errors';
import { isObject, optionalPositiveSecondsMs, optionalSecondsMs, optionalString, type JsonObject } from './fields';
import { alertToWire, parseMessageItems } from './wire';

const seconds = (ms: number) => Math.round(ms / 1000);

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
