// Real push subscribers for the push-queue tests: HTTP servers on 127.0.0.1 that record every
// request they receive and answer as the test scripts them (a status, after a delay if wanted,
// or a connection cut without an answer). Never a stubbed pusher: Ferro dials these over TCP.
import http from 'node:http';
import type { AddressInfo, Socket } from 'node:net';

export interface ReceivedPush {
  method: string;
  /** Path and query string of the request. */
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** Date.now() when the whole request had been read. */
  receivedAtMs: number;
  /** The Iron-Message-Id and Iron-Reservation-Id headers ('' when absent). */
  messageId: string;
  reservationId: string;
}

/** How to answer one push: a status, a status after a delay, or closing the connection unanswered. */
export type Answer = number | 'close' | { status: number; delayMs?: number; headers?: Record<string, string> };

/** Decides the answer; `earlier` counts the pushes of the same message this subscriber got before. */
export type Script = (push: ReceivedPush, earlier: number) => Answer;

export interface Subscriber {
  /** The URL to register, e.g. http://127.0.0.1:40111/push */
  url: string;
  /** Every push received so far, in arrival order. */
  pushes: ReceivedPush[];
  /** The pushes of one message. */
  pushesOf(messageId: string): ReceivedPush[];
  /** Pushes received but not answered yet (slow answers in progress). */
  pendingCount(): number;
  /** Resolves once `count` pushes have arrived; fails after `timeoutMs`. */
  waitForPushes(count: number, timeoutMs?: number): Promise<ReceivedPush[]>;
  close(): Promise<void>;
}

/** Answers 200 to everything. */
export const ALWAYS_OK: Script = () => 200;

/** Fails the first `failures` pushes of each message with `status`, then answers 200. */
export function failingTimes(failures: number, status = 500): Script {
  return (_push, earlier) => (earlier < failures ? status : 200);
}

function headerText(value: string | string[] | undefined): string {
  return Array.isArray(value) ? value.join(', ') : (value ?? '');
}

export async function startSubscriber(script: Script = ALWAYS_OK, path = '/push'): Promise<Subscriber> {
  const pushes: ReceivedPush[] = [];
  const sockets = new Set<Socket>();
  const timers = new Set<NodeJS.Timeout>();
  let pending = 0;
  const waiters = new Set<() => void>();

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const push: ReceivedPush = {
        method: req.method ?? '',
        path: req.url ?? '',
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        receivedAtMs: Date.now(),
        messageId: headerText(req.headers['iron-message-id']),
        reservationId: headerText(req.headers['iron-reservation-id']),
      };
      const earlier = pushes.filter((p) => p.messageId === push.messageId).length;
      pushes.push(push);
      for (const wake of waiters) wake();
      const answer = script(push, earlier);
      if (answer === 'close') {
        req.socket.destroy();
        return;
      }
      const { status, delayMs = 0, headers = {} } = typeof answer === 'number' ? { status: answer } : answer;
      const reply = () => {
        pending -= 1;
        if (!res.destroyed) res.writeHead(status, { 'Content-Type': 'text/plain', ...headers }).end(`answered ${status}`);
      };
      pending += 1;
      if (delayMs === 0) return reply();
      const timer = setTimeout(() => {
        timers.delete(timer);
        reply();
      }, delayMs);
      timers.add(timer);
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}${path}`,
    pushes,
    pushesOf: (messageId) => pushes.filter((p) => p.messageId === messageId),
    pendingCount: () => pending,
    waitForPushes(count, timeoutMs = 15_000) {
      return new Promise((resolve, reject) => {
        const check = () => {
          if (pushes.length < count) return;
          cleanup();
          resolve(pushes.slice());
        };
        const timer = setTimeout(() => {
          cleanup();
          reject(new Error(`subscriber got ${pushes.length} of ${count} pushes within ${timeoutMs} ms`));
        }, timeoutMs);
        const cleanup = () => {
          clearTimeout(timer);
          waiters.delete(check);
        };
        waiters.add(check);
        check();
      });
    },
    async close() {
      for (const timer of timers) clearTimeout(timer);
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

type OnFinished = (fn: () => Promise<void>) => void;

/** A subscriber that is closed when the calling test finishes. */
export async function tempSubscriber(onTestFinished: OnFinished, script?: Script, path?: string): Promise<Subscriber> {
  const subscriber = await startSubscriber(script, path);
  onTestFinished(() => subscriber.close());
  return subscriber;
}
