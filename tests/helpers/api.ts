// Black-box client for the IronMQ v3 API tests: node:http with full control over method, raw
// path, headers and body bytes (GET may carry a body, %2F stays in the path), v3 path builders
// that percent-encode queue names, assertions for the wire rules of docs/api.md §0, and small
// setup helpers that fail the test when setup itself goes wrong.
import http from 'node:http';
import net from 'node:net';
import { afterAll, beforeAll, expect } from 'vitest';
import { startServer, type StartOptions, type TestServer } from './server';

export interface ApiResponse {
  status: number;
  /** Reason phrase of the status line; Go clients put it in their error text (§0.4). */
  statusMessage: string;
  headers: http.IncomingHttpHeaders;
  /** The parsed JSON body, or undefined when the body is not JSON. */
  body: any;
  text: string;
  /** Length in bytes of the body as received. */
  byteLength: number;
}

export interface RequestOptions {
  /** A JSON value sent as the body with `Content-Type: application/json`. */
  json?: unknown;
  /** Bytes sent as the body exactly as given, with no Content-Type unless `headers` sets one. */
  raw?: string | Buffer;
  headers?: Record<string, string>;
  /** Token for `Authorization: OAuth …`; null sends no Authorization header. Defaults to the server's. */
  token?: string | null;
}

/** A message to post: a bare body, or a message object (extra keys are sent as given). */
export type MessageInput = string | { body?: unknown; delay?: unknown; [key: string]: unknown };

type Query = Record<string, string | number>;
type OnFinished = (fn: () => Promise<void>) => void;

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Any non-blank text, for error messages whose wording the spec leaves open. */
export const ANY_TEXT = /\S/;

/** Reservation ids as the docs show them (§1.6). */
export const RESERVATION_ID = /^[0-9a-f]{32}$/;

/** Message ids: JSON strings of decimal digits that fit a signed int64 (§0.1, §1.6). */
export const MESSAGE_ID = /^[0-9]{1,19}$/;

export function queryString(query?: Query): string {
  if (!query) return '';
  const pairs = Object.entries(query).map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(String(v))}`);
  return pairs.length ? `?${pairs.join('&')}` : '';
}

/** Paths both API versions share, for one project; queue names and ids are percent-encoded like Ruby/PHP do. */
export function basePaths(version: 1 | 3, projectId: string) {
  const project = `/${version}/projects/${projectId}`;
  const queue = (q: string) => `${project}/queues/${encodeURIComponent(q)}`;
  const message = (q: string, id: string) => `${queue(q)}/messages/${encodeURIComponent(id)}`;
  return {
    project,
    queues: (query?: Query) => `${project}/queues${queryString(query)}`,
    queue,
    messages: (q: string, query?: Query) => `${queue(q)}/messages${queryString(query)}`,
    message,
    touch: (q: string, id: string) => `${message(q, id)}/touch`,
    release: (q: string, id: string) => `${message(q, id)}/release`,
  };
}

/** Builds v3 paths for one project. */
export function v3Paths(projectId: string) {
  const base = basePaths(3, projectId);
  return {
    ...base,
    reservations: (q: string) => `${base.queue(q)}/reservations`,
  };
}

export type V3Paths = ReturnType<typeof v3Paths>;

function parseJson(text: string): unknown {
  try {
    return text === '' ? undefined : JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** Sends one request on a fresh connection and reads the whole response. */
export function sendRequest(
  baseUrl: string,
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: Buffer,
): Promise<ApiResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    let hasResponse = false;
    const req = http.request({ host: hostname, port, method, path, headers, agent: false }, (res) => {
      hasResponse = true;
      const chunks: Buffer[] = [];
      res.on('data', (chunk: Buffer) => chunks.push(chunk));
      res.on('error', reject);
      res.on('end', () => {
        const bytes = Buffer.concat(chunks);
        const text = bytes.toString('utf8');
        resolve({
          status: res.statusCode ?? 0,
          statusMessage: res.statusMessage ?? '',
          headers: res.headers,
          body: parseJson(text),
          text,
          byteLength: bytes.length,
        });
      });
    });
    // A server may answer a bad request before reading all of it; the answer is what counts.
    req.on('error', (error) => {
      if (!hasResponse) reject(error);
    });
    if (body === undefined) return void req.end();
    req.setHeader('Content-Length', body.length);
    req.end(body);
  });
}

export interface RawResponse {
  status: number;
  headers: Record<string, string>;
  text: string;
}

/**
 * Writes bytes to a raw TCP connection and parses the first HTTP response, for requests that
 * node:http refuses to send (e.g. a Content-Length far larger than the body that follows).
 */
export function sendRawHttp(baseUrl: string, request: string | Buffer, timeoutMs = 5_000): Promise<RawResponse> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const socket = net.connect(Number(port), hostname);
    let received = Buffer.alloc(0);
    const timer = setTimeout(() => finish(new Error(`no complete response within ${timeoutMs} ms`)), timeoutMs);
    const finish = (error?: Error, response?: RawResponse) => {
      clearTimeout(timer);
      socket.destroy();
      if (error) reject(error);
      else resolve(response!);
    };
    const tryParse = (isClosed: boolean) => {
      const headEnd = received.indexOf('\r\n\r\n');
      if (headEnd < 0) return isClosed && finish(new Error(`connection closed: ${received.toString()}`));
      const [statusLine, ...lines] = received.subarray(0, headEnd).toString('latin1').split('\r\n');
      const headers: Record<string, string> = {};
      for (const line of lines) {
        const colon = line.indexOf(':');
        headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
      }
      const body = received.subarray(headEnd + 4);
      const length = headers['content-length'] === undefined ? undefined : Number(headers['content-length']);
      if (length !== undefined ? body.length < length : !isClosed) return;
      const status = Number(statusLine.split(' ')[1]);
      finish(undefined, { status, headers, text: body.subarray(0, length).toString('utf8') });
    };
    socket.on('data', (chunk: Buffer) => {
      received = Buffer.concat([received, chunk]);
      tryParse(false);
    });
    socket.on('end', () => tryParse(true));
    // A reset after the server has answered still leaves us a response to read.
    socket.on('error', (error) => (received.length ? tryParse(true) : finish(error)));
    socket.write(request);
  });
}

let nameCounter = 0;

/** A queue name no other test (or earlier run against the same data dir) uses. */
export function uniqueQueueName(label = 'q'): string {
  nameCounter += 1;
  const random = Math.random().toString(36).slice(2, 8);
  return `${label}-${process.pid}-${nameCounter}-${random}`;
}

type ServerLike = Pick<TestServer, 'url' | 'projectId' | 'token' | 'output'>;

/** The v3 API of one server, as one project. Every method returns the raw response. */
export class ApiClient {
  constructor(private readonly getServer: () => ServerLike) {}

  get server(): ServerLike {
    return this.getServer();
  }

  get paths(): V3Paths {
    return v3Paths(this.server.projectId);
  }

  request(method: string, path: string, options: RequestOptions = {}): Promise<ApiResponse> {
    const headers: Record<string, string> = {};
    const token = options.token === undefined ? this.server.token : options.token;
    if (token !== null) headers.Authorization = `OAuth ${token}`;
    let body: Buffer | undefined;
    if (options.json !== undefined) {
      headers['Content-Type'] = 'application/json';
      body = Buffer.from(JSON.stringify(options.json), 'utf8');
    } else if (options.raw !== undefined) {
      body = Buffer.isBuffer(options.raw) ? options.raw : Buffer.from(options.raw, 'utf8');
    }
    return sendRequest(this.server.url, method, path, { ...headers, ...options.headers }, body);
  }

  listQueues(query?: Query) {
    return this.request('GET', this.paths.queues(query));
  }

  createQueue(q: string, queue?: Record<string, unknown>) {
    return this.request('PUT', this.paths.queue(q), { json: queue === undefined ? {} : { queue } });
  }

  getQueue(q: string) {
    return this.request('GET', this.paths.queue(q));
  }

  updateQueue(q: string, queue: Record<string, unknown>) {
    return this.request('PATCH', this.paths.queue(q), { json: { queue } });
  }

  deleteQueue(q: string) {
    return this.request('DELETE', this.paths.queue(q));
  }

  postMessages(q: string, messages: MessageInput[]) {
    const json = { messages: messages.map((m) => (typeof m === 'string' ? { body: m } : m)) };
    return this.request('POST', this.paths.messages(q), { json });
  }

  reserve(q: string, body: Record<string, unknown> = {}) {
    return this.request('POST', this.paths.reservations(q), { json: body });
  }

  peek(q: string, n?: number) {
    return this.request('GET', this.paths.messages(q, n === undefined ? undefined : { n }));
  }

  getMessage(q: string, id: string) {
    return this.request('GET', this.paths.message(q, id));
  }

  deleteMessage(q: string, id: string, body?: Record<string, unknown>) {
    return this.request('DELETE', this.paths.message(q, id), { json: body });
  }

  /** Batch delete when `body` has `ids`, clear otherwise (§3.8). */
  deleteMessages(q: string, body?: Record<string, unknown>) {
    return this.request('DELETE', this.paths.messages(q), { json: body });
  }

  touch(q: string, id: string, body: Record<string, unknown>) {
    return this.request('POST', this.paths.touch(q, id), { json: body });
  }

  release(q: string, id: string, body: Record<string, unknown>) {
    return this.request('POST', this.paths.release(q, id), { json: body });
  }

  /** A unique queue name that is deleted, if it exists, when the calling test finishes. */
  tempQueue(onTestFinished: OnFinished, label = 'q'): string {
    const q = uniqueQueueName(label);
    onTestFinished(() => this.dropQueue(q));
    return q;
  }

  /** Deletes a queue for cleanup, whether or not it still exists. */
  async dropQueue(q: string): Promise<void> {
    await this.deleteQueue(q);
  }

  async createQueueOrThrow(q: string, queue?: Record<string, unknown>) {
    const res = await this.createQueue(q, queue);
    expectJson(res, 200);
    return res.body.queue;
  }

  async queueOrThrow(q: string) {
    const res = await this.getQueue(q);
    expectJson(res, 200);
    return res.body.queue;
  }

  async sizeOrThrow(q: string): Promise<number> {
    return (await this.queueOrThrow(q)).size;
  }

  async postOrThrow(q: string, messages: MessageInput[]): Promise<string[]> {
    const res = await this.postMessages(q, messages);
    expectJson(res, 201);
    return res.body.ids;
  }

  async reserveOrThrow(q: string, body: Record<string, unknown> = {}) {
    const res = await this.reserve(q, body);
    expectJson(res, 200);
    return res.body.messages as { id: string; body: string; reserved_count: number; reservation_id: string }[];
  }

  async peekOrThrow(q: string, n?: number) {
    const res = await this.peek(q, n);
    expectJson(res, 200);
    return res.body.messages as { id: string; body: string; reserved_count: number }[];
  }
}

/** Starts one server for the calling test file (beforeAll) and stops it afterwards. */
export function useApiServer(options?: StartOptions): ApiClient {
  let server: TestServer | undefined;
  beforeAll(async () => {
    server = await startServer(options);
  });
  afterAll(async () => {
    await server?.stop();
  });
  return new ApiClient(() => {
    if (!server) throw new Error('the test server is not running');
    return server;
  });
}

/**
 * Asserts the wire rules every response follows (§0.2–0.4, §1.5): the status with its standard
 * reason phrase, `Content-Type: application/json` exactly, a correct Content-Length, no
 * compression and a JSON object body; then, if given, the exact body.
 */
export function expectJson(res: ApiResponse, status: number, body?: unknown): void {
  const seen = `${res.status} ${res.statusMessage}: ${res.text.slice(0, 300)}`;
  expect(res.status, seen).toBe(status);
  expect(res.statusMessage, 'standard reason phrase').toBe(http.STATUS_CODES[status]);
  expect(res.headers['content-type'], 'Content-Type').toBe('application/json');
  expect(res.headers['content-length'], 'Content-Length').toBe(String(res.byteLength));
  expect(res.headers['content-encoding'], 'Content-Encoding').toBeUndefined();
  expect(res.body !== null && typeof res.body === 'object' && !Array.isArray(res.body), `JSON object: ${seen}`).toBe(
    true,
  );
  if (body !== undefined) expect(res.body).toEqual(body);
}

/** Asserts a `{"msg": ...}` body (and nothing else) with the given status. */
export function expectMsg(res: ApiResponse, status: number, msg: string | RegExp): void {
  expectJson(res, status);
  expect(Object.keys(res.body)).toEqual(['msg']);
  if (typeof msg === 'string') expect(res.body.msg).toBe(msg);
  else expect(res.body.msg).toMatch(msg);
}
