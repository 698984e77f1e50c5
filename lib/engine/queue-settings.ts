// Queue settings: their defaults and the one function that applies a requested change to the
// current settings (create, PUT upsert and PATCH all go through it), enforcing §2.2–§2.9.
import { randomBytes } from 'node:crypto';
import { EngineError, invalidArgument } from './errors';
import { fanOutTarget } from './fan-out';
import { subscriberKey } from './subscribers';
import {
  DEFAULT_MESSAGE_EXPIRATION_MS,
  DEFAULT_MAX_RESERVATIONS,
  DEFAULT_MESSAGE_TIMEOUT_MS,
  DEFAULT_PUSH_RETRIES,
  DEFAULT_PUSH_RETRIES_DELAY_MS,
  MAX_ALERTS_PER_QUEUE,
  MAX_MAX_RESERVATIONS,
  MAX_MESSAGE_EXPIRATION_MS,
  MAX_PUSH_RETRIES,
  MAX_PUSH_RETRIES_DELAY_MS,
  MAX_TIMEOUT_MS,
  MIN_MESSAGE_EXPIRATION_MS,
  MIN_PUSH_RETRIES_DELAY_MS,
  MIN_TIMEOUT_MS,
  checkCount,
  checkDurationMs,
  checkQueueName,
  headerProblem,
} from './limits';
import { QUEUE_TYPES, type Alert, type PushSettings, type Queue, type QueuePatch, type QueueSettings, type QueueType, type Subscriber } from './types';

export function defaultQueueSettings(): QueueSettings {
  return {
    type: 'pull',
    messageTimeoutMs: DEFAULT_MESSAGE_TIMEOUT_MS,
    messageExpirationMs: DEFAULT_MESSAGE_EXPIRATION_MS,
    push: null,
    alerts: [],
    deadLetter: null,
  };
}

/** A fresh 24-hex identifier, the format IronMQ uses for queue and alert ids. */
export function newObjectId(): string {
  return randomBytes(12).toString('hex');
}

const SUBSCRIBER_URL_SCHEMES = ['http:', 'https:', 'ironmq:', 'ironworker:'];

function checkSubscriber(subscriber: Subscriber, queueName: string): Subscriber {
  let url: URL;
  try {
    url = new URL(subscriber.url);
  } catch {
    throw invalidArgument(`Subscriber url is not a valid URL: ${subscriber.url}`);
  }
  if (!SUBSCRIBER_URL_SCHEMES.includes(url.protocol)) {
    throw invalidArgument('Subscriber url must use http, https, ironmq or ironworker');
  }
  if (url.protocol === 'ironmq:') {
    const target = fanOutTarget(subscriber.url);
    if (!target) throw invalidArgument('ironmq subscribers must name a queue of this project: ironmq:///<queue>');
    // A queue fanning out into itself would push every message to itself forever.
    if (target === queueName) throw invalidArgument('A push queue cannot be its own ironmq:/// subscriber');
    checkQueueName(target, 'The ironmq:/// target queue');
  }
  for (const [name, value] of Object.entries(subscriber.headers)) {
    const problem = headerProblem(name, value);
    if (problem) throw invalidArgument(`Subscriber ${problem.charAt(0).toLowerCase()}${problem.slice(1)}`);
  }
  return subscriber;
}

/** Subscribers are told apart by name (or url, without a name): two alike could never be acknowledged apart. */
function assertUniqueSubscribers(subscribers: Subscriber[]): void {
  const seen = new Set<string>();
  for (const subscriber of subscribers) {
    const key = subscriberKey(subscriber);
    if (seen.has(key)) throw invalidArgument(`Subscriber names must be unique in a queue: ${JSON.stringify(key)} appears twice`);
    seen.add(key);
  }
}

function applyPush(queueName: string, current: PushSettings | null, patch: Partial<PushSettings>): PushSettings {
  const next: PushSettings = {
    subscribers: current?.subscribers ?? [],
    retries: current?.retries ?? DEFAULT_PUSH_RETRIES,
    retriesDelayMs: current?.retriesDelayMs ?? DEFAULT_PUSH_RETRIES_DELAY_MS,
    errorQueue: current?.errorQueue ?? '',
  };
  if (patch.subscribers !== undefined) next.subscribers = patch.subscribers.map((s) => checkSubscriber(s, queueName));
  if (patch.retries !== undefined) next.retries = checkCount('retries', patch.retries, 0, MAX_PUSH_RETRIES);
  if (patch.retriesDelayMs !== undefined) {
    next.retriesDelayMs = checkDurationMs('retries_delay', patch.retriesDelayMs, MIN_PUSH_RETRIES_DELAY_MS, MAX_PUSH_RETRIES_DELAY_MS);
  }
  if (patch.apiVersion !== undefined) next.apiVersion = patch.apiVersion;
  if (patch.errorQueue !== undefined) next.errorQueue = patch.errorQueue === '' ? '' : checkQueueName(patch.errorQueue, 'error_queue');
  // Its own error queue would report each failed report to itself, for ever.
  if (next.errorQueue === queueName) throw invalidArgument('A push queue cannot be its own error_queue');
  if (next.subscribers.length === 0) throw invalidArgument('Push queues must have at least one subscriber');
  assertUniqueSubscribers(next.subscribers);
  return next;
}

function applyAlerts(queueName: string, current: Alert[], requested: NonNullable<QueuePatch['alerts']>): Alert[] {
  // An array of empty objects clears, as an empty array does (§2.8: node's clear_alerts).
  const meaningful = requested.filter((alert) => Object.keys(alert).length > 0);
  if (meaningful.length > MAX_ALERTS_PER_QUEUE) {
    throw invalidArgument(`A queue can have at most ${MAX_ALERTS_PER_QUEUE} alerts`);
  }
  // A stored id is kept once at most: a list naming it twice must not yield two alerts sharing it.
  const keptIds = new Set<string>();
  return meaningful.map((alert) => {
    checkCount('trigger', alert.trigger, 1, Number.MAX_SAFE_INTEGER);
    checkQueueName(alert.queue, 'The alert queue');
    if (alert.type === 'progressive' && alert.queue === queueName) {
      throw invalidArgument('A progressive alert cannot target its own queue');
    }
    const kept = current.find((existing) => existing.id === alert.id && !keptIds.has(existing.id));
    if (kept) keptIds.add(kept.id);
    return { ...alert, id: kept?.id ?? newObjectId() };
  });
}

/**
 * Which API's rules a change follows. v1 (§5.3) may change a queue's type, turns a pull queue
 * that is given subscribers into a multicast queue, and ignores push settings sent for a queue
 * that stays pull; v3 refuses all three.
 */
export type ApiRules = 'v3' | 'v1';

/** The type a change asks for, or undefined to keep the current one; checks it against QUEUE_TYPES. */
function requestedTypeOf(current: Queue | undefined, patch: QueuePatch, rules: ApiRules): QueueType | undefined {
  if (patch.type !== undefined) {
    if (!QUEUE_TYPES.includes(patch.type as QueueType)) throw invalidArgument('type must be pull, multicast or unicast');
    return patch.type as QueueType;
  }
  if (rules === 'v1') {
    const isSubscribing = (patch.push?.subscribers?.length ?? 0) > 0;
    return isSubscribing && (current?.type ?? 'pull') === 'pull' ? 'multicast' : undefined;
  }
  // A push section without a type means multicast (§2.2, the Java and Ruby tests).
  return current === undefined && patch.push ? 'multicast' : undefined;
}

/**
 * The settings a queue has after `patch`: fields absent from the patch keep their current
 * value (or default, for a new queue). Throws QUEUE_TYPE_IMMUTABLE when an existing queue's
 * type would change (unless v1's rules allow it), INVALID_ARGUMENT or PUSH_QUEUE_ALERTS for
 * combinations §2.2 forbids.
 */
export function applyQueuePatch(queueName: string, current: Queue | undefined, patch: QueuePatch, rules: ApiRules = 'v3'): QueueSettings {
  // Copy only the settings: the stored JSON must not pick up counters or identity.
  const base: QueueSettings = current
    ? {
        type: current.type,
        messageTimeoutMs: current.messageTimeoutMs,
        messageExpirationMs: current.messageExpirationMs,
        push: current.push,
        alerts: current.alerts,
        deadLetter: current.deadLetter,
      }
    : defaultQueueSettings();
  const requestedType = requestedTypeOf(current, patch, rules);
  if (current && rules !== 'v1' && requestedType !== undefined && requestedType !== current.type) {
    throw new EngineError('QUEUE_TYPE_IMMUTABLE');
  }
  const type = requestedType ?? base.type;
  const next: QueueSettings = { ...base, type };

  if (patch.messageTimeoutMs !== undefined) {
    next.messageTimeoutMs = checkDurationMs('message_timeout', patch.messageTimeoutMs, MIN_TIMEOUT_MS, MAX_TIMEOUT_MS);
  }
  if (patch.messageExpirationMs !== undefined) {
    next.messageExpirationMs = checkDurationMs(
      'message_expiration',
      patch.messageExpirationMs,
      MIN_MESSAGE_EXPIRATION_MS,
      MAX_MESSAGE_EXPIRATION_MS,
    );
  }
  if (type === 'pull') {
    if (patch.push !== undefined && rules !== 'v1') throw new EngineError('NOT_A_PUSH_QUEUE', 'Pull queues cannot have push settings');
    next.push = null;
  } else {
    next.push = applyPush(queueName, base.push, patch.push ?? {});
  }
  if (patch.alerts !== undefined) {
    next.alerts = applyAlerts(queueName, base.alerts, patch.alerts);
  }
  if (type !== 'pull' && next.alerts.length > 0) throw new EngineError('PUSH_QUEUE_ALERTS');

  if (patch.deadLetter === null || patch.deadLetter?.queueName === '') {
    next.deadLetter = null;
  } else if (patch.deadLetter !== undefined) {
    if (type !== 'pull') throw invalidArgument('Push queues cannot have a dead letter queue; use error_queue');
    const targetName = patch.deadLetter.queueName ?? base.deadLetter?.queueName;
    if (!targetName) throw invalidArgument('dead_letter.queue_name is required');
    // A queue that dead-letters into itself would hand the message straight back to the reserve.
    if (targetName === queueName) throw invalidArgument('A queue cannot be its own dead letter queue');
    next.deadLetter = {
      queueName: checkQueueName(targetName, 'dead_letter.queue_name'),
      maxReservations: checkCount(
        'max_reservations',
        patch.deadLetter.maxReservations ?? base.deadLetter?.maxReservations ?? DEFAULT_MAX_RESERVATIONS,
        1,
        MAX_MAX_RESERVATIONS,
      ),
    };
  }
  return next;
}

/** What an atomic save decides: the settings to store, given the queue as stored (undefined when missing). */
export type SettingsDecision = (current: Queue | undefined) => QueueSettings;

/** A settings decision that needs the queue to exist: QUEUE_NOT_FOUND otherwise, with nothing written. */
export function existingQueue(decide: (current: Queue) => QueueSettings): SettingsDecision {
  return (current) => {
    if (!current) throw new EngineError('QUEUE_NOT_FOUND');
    return decide(current);
  };
}
