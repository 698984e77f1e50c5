// Connections that misbehave on purpose, for the slow-clients probe: idle keep-alive sockets,
// slowloris heads sent a byte a second, held long polls, and plain connections that report
// whether the server took or dropped them. Each records when the server closed it.
import { readdirSync, readFileSync } from 'node:fs';
import http from 'node:http';
import net from 'node:net';

export interface HeldSocket {
  socket: net.Socket;
  openedAtMs: number;
  /** When the server closed (or reset) it; undefined while open or when we closed it. */
  closedAtMs?: number;
  /** First bytes the server sent, e.g. a 408 before closing. */
  received: string;
  isClosedByUs: boolean;
}

function hold(port: number, onConnect: (held: HeldSocket) => void): HeldSocket {
  const socket = net.connect(port, '127.0.0.1');
  const held: HeldSocket = { socket, openedAtMs: Date.now(), received: '', isClosedByUs: false };
  socket.on('data', (chunk: Buffer) => {
    if (held.received.length < 2_000) held.received += chunk.toString('latin1');
  });
  socket.on('close', () => {
    if (!held.isClosedByUs) held.closedAtMs = Date.now();
  });
  socket.on('error', () => undefined);
  socket.once('connect', () => onConnect(held));
  return held;
}

export function closeAll(list: HeldSocket[]): void {
  for (const held of list) {
    held.isClosedByUs = held.closedAtMs === undefined;
    held.socket.destroy();
  }
}

/** Resolves once `count` sockets have done `isReady` (or closed), with a deadline. */
export async function waitFor(list: HeldSocket[], isReady: (held: HeldSocket) => boolean, timeoutMs: number): Promise<void> {
  const deadlineMs = Date.now() + timeoutMs;
  while (Date.now() < deadlineMs && !list.every((held) => isReady(held) || held.closedAtMs !== undefined)) {
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** An idle keep-alive connection: one request answered, then nothing. */
export function openIdle(port: number, request: string): HeldSocket {
  return hold(port, (held) => held.socket.write(request));
}

/** A slowloris: a request line, then one byte of a header every second, never ending the head. */
export function openSlowloris(port: number, path: string): HeldSocket {
  return hold(port, (held) => {
    held.socket.write(`GET ${path} HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: `);
    const timer = setInterval(() => {
      if (held.socket.destroyed) return clearInterval(timer);
      held.socket.write('a');
    }, 1_000);
    held.socket.once('close', () => clearInterval(timer));
  });
}

/** A complete head announcing `length` body bytes, then one body byte a second (long tier). */
export function openSlowBody(port: number, head: string): HeldSocket {
  return hold(port, (held) => {
    held.socket.write(head);
    const timer = setInterval(() => (held.socket.destroyed ? clearInterval(timer) : held.socket.write('a')), 1_000);
    held.socket.once('close', () => clearInterval(timer));
  });
}

export interface LongPoll {
  startedAtMs: number;
  endedAtMs?: number;
  status?: number;
  body?: string;
  error?: string;
}

/** A reserve with `wait` on its own connection (§4.5). */
export function openLongPoll(baseUrl: string, path: string, token: string, waitS: number): LongPoll {
  const poll: LongPoll = { startedAtMs: Date.now() };
  const body = JSON.stringify({ n: 1, wait: waitS });
  const { hostname, port } = new URL(baseUrl);
  const req = http.request({ host: hostname, port, path, method: 'POST', agent: false, headers: { Authorization: `OAuth ${token}`, 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(body) } }, (res) => {
    let text = '';
    res.on('data', (chunk: Buffer) => (text += chunk.toString()));
    res.on('end', () => Object.assign(poll, { endedAtMs: Date.now(), status: res.statusCode, body: text }));
  });
  req.on('error', (error) => Object.assign(poll, { endedAtMs: Date.now(), error: error.message }));
  req.end(body);
  return poll;
}

/** Opens a connection and sends one request: 'answered' if a response came, 'dropped' if closed without one. */
export function tryConnection(port: number, request: string, timeoutMs = 5_000): Promise<{ outcome: 'answered' | 'dropped' | 'silent'; held: HeldSocket }> {
  return new Promise((resolve) => {
    const held = hold(port, (h) => h.socket.write(request));
    const timer = setTimeout(() => resolve({ outcome: 'silent', held }), timeoutMs);
    held.socket.on('data', () => {
      clearTimeout(timer);
      resolve({ outcome: 'answered', held });
    });
    held.socket.on('close', () => {
      clearTimeout(timer);
      resolve({ outcome: held.received ? 'answered' : 'dropped', held });
    });
  });
}

/** The PID of the server process started on `dataDir` (its environment names the directory). */
export function serverPid(dataDir: string): number {
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (!readFileSync(`/proc/${entry}/cmdline`, 'utf8').includes('dist/server.js')) continue;
      if (readFileSync(`/proc/${entry}/environ`, 'utf8').split('\0').includes(`FERRO_DATA_DIR=${dataDir}`)) return Number(entry);
    } catch {
      // A process that ended while we looked, or one that is not ours.
    }
  }
  throw new Error(`no server process found for ${dataDir}`);
}

/** Resident memory of a process, in MB (VmRSS of /proc/<pid>/status). */
export function rssMb(pid: number): number {
  const match = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  if (!match) throw new Error(`no VmRSS for ${pid}`);
  return Number(match[1]) / 1024;
}

/** Latencies (ms) of ordinary requests made one after another on one kept-alive connection until `stop()`. */
export function measureLatency(baseUrl: string, requests: Array<{ method: string; path: string; body?: string }>, token: string) {
  const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
  const latencies: number[] = [];
  const failures: string[] = [];
  let isStopped = false;
  const { hostname, port } = new URL(baseUrl);
  const once = (spec: { method: string; path: string; body?: string }) =>
    new Promise<void>((resolve) => {
      const startNs = process.hrtime.bigint();
      const headers: Record<string, string | number> = { Authorization: `OAuth ${token}`, 'Content-Type': 'application/json' };
      if (spec.body !== undefined) headers['Content-Length'] = Buffer.byteLength(spec.body);
      const req = http.request({ host: hostname, port, method: spec.method, path: spec.path, agent, headers }, (res) => {
        res.resume();
        res.on('end', () => {
          latencies.push(Number(process.hrtime.bigint() - startNs) / 1e6);
          if ((res.statusCode ?? 0) >= 300) failures.push(`${spec.method} ${spec.path} answered ${res.statusCode}`);
          resolve();
        });
      });
      req.on('error', (error) => {
        failures.push(`${spec.method} ${spec.path}: ${error.message}`);
        resolve();
      });
      req.end(spec.body);
    });
  // Paced like an ordinary client rather than a benchmark, so the figure is latency, not throughput.
  const done = (async () => {
    for (let i = 0; !isStopped; i += 1) {
      await once(requests[i % requests.length]);
      await new Promise((resolve) => setTimeout(resolve, 10));
    }
  })();
  return {
    latencies,
    failures,
    async stop() {
      isStopped = true;
      await done;
      agent.destroy();
    },
  };
}

/**
 * Sends a head announcing `totalBytes` of body, then streams the body as fast as the server takes
 * it, until the server answers: the status (0 when the connection ended without one, `ending`
 * saying how), how long it took, and how much of the body went out first.
 */
export function streamLargeBody(
  port: number,
  head: string,
  totalBytes: number,
  timeoutMs = 10_000,
): Promise<{ status: number; ending: string; msToAnswer: number; bytesSent: number }> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    const chunk = Buffer.alloc(64 * 1024, 'a');
    let sent = 0;
    let startMs = 0;
    let isAnswered = false;
    const finish = (status: number, ending: string) => {
      if (isAnswered) return;
      isAnswered = true;
      clearTimeout(timer);
      socket.destroy();
      resolve({ status, ending, msToAnswer: Date.now() - startMs, bytesSent: sent });
    };
    const timer = setTimeout(() => finish(0, 'no answer'), timeoutMs);
    const pump = () => {
      while (!isAnswered && sent < totalBytes) {
        sent += chunk.length;
        if (!socket.write(chunk)) return void socket.once('drain', pump);
      }
    };
    socket.on('data', (data: Buffer) => finish(Number(/^HTTP\/1\.1 (\d{3})/.exec(data.toString('latin1'))?.[1] ?? 0), 'answered'));
    socket.on('error', (error: NodeJS.ErrnoException) => finish(0, error.code ?? error.message));
    socket.on('close', () => finish(0, 'closed'));
    socket.once('connect', () => {
      startMs = Date.now();
      socket.write(head);
      pump();
    });
  });
}
