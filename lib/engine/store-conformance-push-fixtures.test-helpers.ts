// Builders for the push part of the QueueStore conformance suite: push queue settings, a fresh
// data set with one push queue, and the pusher's side of a claim, so the tests read as §4.8.
import { expect } from 'vitest';
import type { DeliveryClaim, QueueStore } from './store';
import { T0, newProjectId, pullSettings, saveSettings, type ConformanceContext } from './store-conformance.test-helpers';
import type { DeliveryAttempt, DeliveryOutcome, NewMessage, PushSettings, PushStatus, QueueSettings, Subscriber } from './types';

/** retries_delay of every test queue (ms): also the window for a 202 acknowledgement. */
export const RETRIES_DELAY_MS = 60_000;
/** How long each claim leases its attempts (ms), as the pusher's request timeout plus margin. */
export const LEASE_MS = 15_000;

/** A subscriber whose url is unique to its name, so a claim's room per url can single it out. */
export function subscriber(name: string, headers: Record<string, string> = {}): Subscriber {
  return { name, url: `http://${name || 'unnamed'}.example.com/push?to=${name}`, headers };
}

/** Push queue settings: retries 3, retries_delay 60 s, no error queue unless changed. */
export function pushSettings(
  type: 'multicast' | 'unicast',
  subscribers: Subscriber[],
  changes: Partial<PushSettings> = {},
): QueueSettings {
  return pullSettings({ type, push: { subscribers, retries: 3, retriesDelayMs: RETRIES_DELAY_MS, errorQueue: '', ...changes } });
}

/** Posts messages (a bare body: no delay, no push headers) and returns their ids. */
export async function post(store: QueueStore, projectId: string, name: string, messages: Array<string | NewMessage>, nowMs = T0): Promise<string[]> {
  const full = messages.map((m): NewMessage => (typeof m === 'string' ? { body: m, delayMs: 0, pushHeaders: null } : m));
  return (await store.postMessages(projectId, name, full, nowMs)).ids;
}

/**
 * Opens an empty data set, creates push queue `q` of a new project with `settings` and posts
 * `messages` at T0. Claims span every project, so each push test needs a store of its own.
 */
export async function openPushQueue(
  ctx: ConformanceContext,
  settings: QueueSettings,
  messages: Array<string | NewMessage> = ['m'],
  options: { random?: () => number } = {},
) {
  const store = await ctx.openEmpty(options);
  const projectId = newProjectId();
  await saveSettings(store, projectId, 'q', settings);
  const ids = await post(store, projectId, 'q', messages);
  return { store, projectId, ids };
}

/**
 * Claims like the pusher: up to `limit` attempts, each leased for LEASE_MS; `roomByUrl` limits
 * the subscribers named in it, any other may take the whole claim.
 */
export function claim(store: QueueStore, nowMs: number, limit = 100, roomByUrl: Record<string, number> = {}): Promise<DeliveryClaim> {
  return store.claimDeliveries({ limit, leaseMs: LEASE_MS, perUrlLimit: limit, roomByUrl }, nowMs);
}

/** The attempts of a claim, when the test expects no error-queue report from it. */
export async function claimAttempts(store: QueueStore, nowMs: number, limit = 100, roomByUrl: Record<string, number> = {}): Promise<DeliveryAttempt[]> {
  const { attempts, errorQueues } = await claim(store, nowMs, limit, roomByUrl);
  expect(errorQueues).toEqual([]);
  return attempts;
}

/** Claims exactly one attempt and returns it. */
export async function claimOne(store: QueueStore, nowMs: number): Promise<DeliveryAttempt> {
  const attempts = await claimAttempts(store, nowMs);
  expect(attempts).toHaveLength(1);
  return attempts[0];
}

/** The name a delivery goes by: the subscriber's name, or its url when it has none (§2.7). */
export function nameOf(attempt: DeliveryAttempt): string {
  return attempt.subscriber.name || attempt.subscriber.url;
}

/** Attempts keyed by the name of their subscriber. */
export function attemptsByName(attempts: DeliveryAttempt[]): Record<string, DeliveryAttempt> {
  return Object.fromEntries(attempts.map((attempt) => [nameOf(attempt), attempt]));
}

/** What the pusher records after a subscriber answered `statusCode` (0: no answer). */
export function outcomeOf(attempt: DeliveryAttempt, statusCode: number, errorMessage: string | null = null): DeliveryOutcome {
  const result = statusCode === 202 ? 'accepted' : statusCode >= 200 && statusCode < 300 ? 'delivered' : 'failed';
  return { messageId: attempt.messageId, subscriberName: nameOf(attempt), reservationId: attempt.reservationId, statusCode, result, errorMessage };
}

/** Records the subscriber's answer to an attempt; returns the error queues that got a report. */
export function answer(store: QueueStore, attempt: DeliveryAttempt, statusCode: number, nowMs: number, errorMessage: string | null = null) {
  return store.recordDeliveryOutcome(outcomeOf(attempt, statusCode, errorMessage), nowMs);
}

/** Push statuses of a message of queue `q`, keyed by subscriber name. */
export async function statusesByName(store: QueueStore, projectId: string, id: string, nowMs: number): Promise<Record<string, PushStatus>> {
  const statuses = await store.getPushStatuses(projectId, 'q', id, nowMs);
  return Object.fromEntries(statuses.map((status) => [status.subscriberName, status]));
}

/** The only push status of a message of queue `q`. */
export async function onlyStatus(store: QueueStore, projectId: string, id: string, nowMs: number): Promise<PushStatus> {
  const statuses = await store.getPushStatuses(projectId, 'q', id, nowMs);
  expect(statuses).toHaveLength(1);
  return statuses[0];
}

/** A status before any attempt finished (§3.11): queued, status_code 0, tries 0. */
export function untried(name: string, retries = 3): Partial<PushStatus> {
  return { subscriberName: name, status: 'queued', statusCode: 0, tries: 0, retriesRemaining: retries, lastTryAtMs: null, errorMessage: null };
}
