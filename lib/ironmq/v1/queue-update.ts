// The v1 flat queue update (§5.1, §5.2): push_type may turn a queue into a push queue or back
// into a pull queue, subscribers are identified by url, and alerts replace the list.
import type { Queue, QueuePatch, QueueType, Subscriber } from '../../engine/types';
import { badRequest } from '../errors';
import { isObject, optionalArray, optionalInteger, optionalPositiveSecondsMs, optionalString, optionalStringMap, type JsonObject } from '../fields';
import { parseQueuePatch } from '../wire';

const PUSH_TYPES = ['pull', 'multicast', 'unicast'];

/** v1 subscribers carry no name: the url is their identity, and becomes the v3 name (§5.3). */
export function parseSubscribersV1(items: unknown[]): Subscriber[] {
  return items.map((item) => {
    const url = isObject(item) ? optionalString(item, 'url') : undefined;
    if (!url) throw badRequest('Each subscriber needs a url');
    return { name: url, url, headers: (isObject(item) && optionalStringMap(item, 'headers')) || {} };
  });
}

export function parseQueueUpdateV1(body: JsonObject, current: Queue | undefined): QueuePatch {
  const patch: QueuePatch = {};
  const pushType = optionalString(body, 'push_type');
  if (pushType && !PUSH_TYPES.includes(pushType)) throw badRequest('push_type must be pull, multicast or unicast');
  const subscribers = optionalArray(body, 'subscribers');
  const currentType = current?.type ?? 'pull';
  // Adding subscribers to a pull queue makes it a multicast queue (§5.1).
  if (pushType) patch.type = pushType as QueueType;
  else if (subscribers?.length && currentType === 'pull') patch.type = 'multicast';
  // Read (and type-check) the push fields whatever the queue's type: a wrong type is a 400 even
  // where the value would then be unused.
  const push = {
    subscribers: subscribers && parseSubscribersV1(subscribers),
    retries: optionalInteger(body, 'retries'),
    retriesDelayMs: optionalPositiveSecondsMs(body, 'retries_delay'),
    errorQueue: optionalString(body, 'error_queue'),
    apiVersion: 1 as const,
  };
  if ((patch.type ?? currentType) !== 'pull') patch.push = push;
  const alerts = optionalArray(body, 'alerts');
  if (alerts) patch.alerts = parseQueuePatch({ queue: { alerts } }).alerts;
  return patch;
}
