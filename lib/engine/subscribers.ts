// Subscriber list edits of push queues (§2.7): add or update by name, replace, remove. Each
// returns the patch to apply, so the engine can run it inside the store's atomic saveQueue.
import { EngineError, invalidArgument } from './errors';
import type { Queue, QueuePatch, Subscriber } from './types';

/** A subscriber's identity within its queue: its name, or its url when it has none (§2.7). */
export function subscriberKey(subscriber: { name?: string; url?: string }): string {
  return subscriber.name || subscriber.url || '';
}

function pushQueueOrThrow(queue: Queue | undefined): Queue {
  if (!queue) throw new EngineError('QUEUE_NOT_FOUND');
  if (!queue.push) throw new EngineError('NOT_A_PUSH_QUEUE');
  return queue;
}

/**
 * Adds subscribers; one with the name (or url) of an existing one updates it in place, or, with
 * `isNew`, is refused: a form that adds must not silently replace a subscriber of the same name.
 */
export function addSubscribersPatch(current: Queue | undefined, added: Subscriber[], options: { isNew?: boolean } = {}): QueuePatch {
  const queue = pushQueueOrThrow(current);
  const subscribers = [...queue.push!.subscribers];
  for (const subscriber of added) {
    const index = subscribers.findIndex((existing) => subscriberKey(existing) === subscriberKey(subscriber));
    if (index >= 0 && options.isNew) {
      throw invalidArgument(`This queue already has a subscriber named ${JSON.stringify(subscriberKey(subscriber))}: edit it instead`);
    }
    if (index >= 0) subscribers[index] = subscriber;
    else subscribers.push(subscriber);
  }
  return { push: { subscribers } };
}

export function replaceSubscribersPatch(current: Queue | undefined, subscribers: Subscriber[]): QueuePatch {
  pushQueueOrThrow(current);
  return { push: { subscribers } };
}

/** Removes the subscribers named (or, without a name, given by url); at least one must remain. */
export function removeSubscribersPatch(current: Queue | undefined, removed: Array<{ name?: string; url?: string }>): QueuePatch {
  const queue = pushQueueOrThrow(current);
  const keys = new Set(removed.map(subscriberKey));
  const urls = new Set(removed.filter((r) => !r.name && r.url).map((r) => r.url));
  const subscribers = queue.push!.subscribers.filter((s) => !keys.has(subscriberKey(s)) && !urls.has(s.url));
  return { push: { subscribers } };
}

/**
 * v1's add (§5.3): subscribers of a push queue are added as on v3; a pull or missing queue
 * becomes a multicast queue with just these subscribers, speaking v1's push headers.
 */
export function subscribeV1Patch(current: Queue | undefined, added: Subscriber[]): QueuePatch {
  if (current?.push) return addSubscribersPatch(current, added);
  return { type: 'multicast', push: { subscribers: added, apiVersion: 1 } };
}
