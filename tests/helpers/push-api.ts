// Push-queue helpers for the API tests (docs/api.md §2.7, §3.11, §4.8): subscriber routes,
// push statuses, and polling for deliveries that take real time (retries are ≥ 3 s apart).
import { expect } from 'vitest';
import { ApiClient, expectJson, sleep } from './api';
import { startServer } from './server';

export interface WireSubscriber {
  name?: string;
  url: string;
  headers?: Record<string, string>;
}

/** One push status as GET …/messages/{id}/subscribers shows it (§3.11). */
export interface WirePushStatus {
  name: string;
  url: string;
  status: 'queued' | 'reserved' | 'retrying' | 'deleted' | 'error';
  status_code: number;
  tries: number;
  retries_remaining: number;
  retries_delay: number;
  last_try_at?: string;
  msg?: string;
}

export const isFinal = (s: WirePushStatus) => s.status === 'deleted' || s.status === 'error';

/** RFC 3339 in UTC to the second, as §3.11's `last_try_at`. */
export const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z$/;

export function subscribersPath(api: ApiClient, q: string): string {
  return `${api.paths.queue(q)}/subscribers`;
}

export function pushStatusesPath(api: ApiClient, q: string, id: string): string {
  return `${api.paths.message(q, id)}/subscribers`;
}

export interface PushQueueOptions {
  type?: 'multicast' | 'unicast';
  retries?: number;
  retries_delay?: number;
  error_queue?: string;
}

/** Creates a push queue with these subscribers; returns the queue object of the reply. */
export async function createPushQueueOrThrow(api: ApiClient, q: string, subscribers: WireSubscriber[], options: PushQueueOptions = {}) {
  const { type, ...push } = options;
  return api.createQueueOrThrow(q, { ...(type ? { type } : {}), push: { subscribers, ...push } });
}

export async function statusesOrThrow(api: ApiClient, q: string, id: string): Promise<WirePushStatus[]> {
  const res = await api.request('GET', pushStatusesPath(api, q, id));
  expectJson(res, 200);
  return res.body.subscribers;
}

/** Polls `read` until `isDone` holds for its value; fails with the last value after `timeoutMs`. */
export async function eventually<T>(read: () => Promise<T>, isDone: (value: T) => boolean, timeoutMs = 15_000, what = 'condition'): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (isDone(value)) return value;
    if (Date.now() > deadline) throw new Error(`${what} not reached within ${timeoutMs} ms; last value: ${JSON.stringify(value)}`);
    await sleep(50);
  }
}

/** Waits until the message's push statuses satisfy `isDone` (by default: every one final). */
export function waitForStatuses(
  api: ApiClient,
  q: string,
  id: string,
  isDone: (statuses: WirePushStatus[]) => boolean = (statuses) => statuses.length > 0 && statuses.every(isFinal),
  timeoutMs = 20_000,
): Promise<WirePushStatus[]> {
  return eventually(() => statusesOrThrow(api, q, id), isDone, timeoutMs, `push statuses of ${q}/${id}`);
}

/** The only status of a one-subscriber message. */
export function onlyStatus(statuses: WirePushStatus[]): WirePushStatus {
  expect(statuses).toHaveLength(1);
  return statuses[0];
}

type OnFinished = (fn: () => Promise<void>) => void;

/** A server of its own with extra settings, stopped (data and all) when the calling test finishes. */
export async function tempServer(onTestFinished: OnFinished, env: Record<string, string>): Promise<ApiClient> {
  const server = await startServer({ env });
  onTestFinished(() => server.stop());
  return new ApiClient(() => server);
}
