// Helpers for the v1 API tests (docs/api.md §5): path builders for `/1/projects/{pid}`,
// the wire checks for bare-array answers, and polling for effects that take real time
// (delays, expiry, reservation timeouts, pushes) in a black-box server.
import http from 'node:http';
import { expect } from 'vitest';
import { basePaths, expectJson, queryString, sleep, uniqueQueueName, type ApiClient, type ApiResponse, type RequestOptions } from './api';

type Query = Record<string, string | number>;

/** Builds v1 paths for one project: the shared ones plus v1's own routes. */
export function v1Paths(projectId: string) {
  const base = basePaths(1, projectId);
  const { queue, message } = base;
  return {
    ...base,
    clear: (q: string) => `${queue(q)}/clear`,
    peek: (q: string, query?: Query) => `${queue(q)}/messages/peek${queryString(query)}`,
    webhook: (q: string, query?: Query) => `${queue(q)}/messages/webhook${queryString(query)}`,
    pushStatuses: (q: string, id: string) => `${message(q, id)}/subscribers`,
    pushStatus: (q: string, id: string, sid: string) => `${message(q, id)}/subscribers/${encodeURIComponent(sid)}`,
    subscribers: (q: string) => `${queue(q)}/subscribers`,
    alerts: (q: string) => `${queue(q)}/alerts`,
    alert: (q: string, id: string) => `${queue(q)}/alerts/${encodeURIComponent(id)}`,
  };
}

export type V1Paths = ReturnType<typeof v1Paths>;

/** The wire rules of §1.5 for an answer whose body is a bare JSON array (v1 list queues). */
export function expectJsonArray(res: ApiResponse, status = 200): unknown[] {
  expect(res.status, `${res.status}: ${res.text.slice(0, 300)}`).toBe(status);
  expect(res.statusMessage).toBe(http.STATUS_CODES[status]);
  expect(res.headers['content-type']).toBe('application/json');
  expect(res.headers['content-length']).toBe(String(res.byteLength));
  expect(Array.isArray(res.body), `bare array: ${res.text.slice(0, 300)}`).toBe(true);
  return res.body;
}

/**
 * Calls `read` until `isDone` holds for its result, then returns that result; fails with the
 * last result after `timeoutMs`. For effects of real time: timers run in the server process.
 */
export async function eventually<T>(read: () => Promise<T>, isDone: (value: T) => boolean, timeoutMs = 8_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (isDone(value)) return value;
    if (Date.now() > deadline) throw new Error(`not done after ${timeoutMs} ms: ${JSON.stringify(value)}`);
    await sleep(50);
  }
}

type OnFinished = (fn: () => Promise<void>) => void;

/** A message of a v1 GET /messages (reserve) or peek answer. */
export interface WireMessageV1 {
  id: string;
  body: string;
  timeout: number;
  reserved_count: number;
  status?: string;
}

/** The v1 API of one server through an ApiClient; `*OrThrow` methods fail the test on a bad answer. */
export class V1Api {
  constructor(private readonly api: ApiClient) {}

  get paths(): V1Paths {
    return v1Paths(this.api.server.projectId);
  }

  request(method: string, path: string, options?: RequestOptions): Promise<ApiResponse> {
    return this.api.request(method, path, options);
  }

  /** A unique queue name that is deleted, if it exists, when the calling test finishes. */
  tempQueue(onTestFinished: OnFinished, label = 'v1'): string {
    const q = uniqueQueueName(label);
    onTestFinished(async () => {
      await this.request('DELETE', this.paths.queue(q));
    });
    return q;
  }

  async queueOrThrow(q: string): Promise<Record<string, any>> {
    const res = await this.request('GET', this.paths.queue(q));
    expectJson(res, 200);
    return res.body;
  }

  async updateOrThrow(q: string, body: Record<string, unknown>): Promise<Record<string, any>> {
    const res = await this.request('POST', this.paths.queue(q), { json: body });
    expectJson(res, 200);
    return res.body;
  }

  async postOrThrow(q: string, messages: (string | Record<string, unknown>)[]): Promise<string[]> {
    const json = { messages: messages.map((m) => (typeof m === 'string' ? { body: m } : m)) };
    const res = await this.request('POST', this.paths.messages(q), { json });
    expectJson(res, 201);
    expect(res.body.msg).toBe('Messages put on queue.');
    return res.body.ids;
  }

  /** v1 GET /messages, which reserves (§5.1). */
  async reserveOrThrow(q: string, query?: Query): Promise<WireMessageV1[]> {
    const res = await this.request('GET', this.paths.messages(q, query));
    expectJson(res, 200);
    expect(Object.keys(res.body)).toEqual(['messages']);
    return res.body.messages;
  }

  async peekOrThrow(q: string, n = 100): Promise<WireMessageV1[]> {
    const res = await this.request('GET', this.paths.peek(q, { n }));
    expectJson(res, 200);
    return res.body.messages;
  }
}
