// Setup and measuring for the security probe: projects with real queues, messages and alerts to
// aim at, a server process carrying the socket guard (net-guard.cjs), and a timed request.
import { mkdtempSync, readFileSync } from 'node:fs';
import http from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { sendRequest } from '../../helpers/api';
import type { TestServer } from '../../helpers/server';
import { startHudServer } from './hud';
import type { WireTarget } from './security-fixtures';

export const FAKE_DNS = { 'metadata.ferro-faults.test': '169.254.169.254', 'mapped.ferro-faults.test': '::ffff:a9fe:a9fe' };

export interface GuardedServer {
  server: TestServer;
  /** Lines the guard wrote: `guard loaded …`, `connect <host>`, `lookup <name>`. */
  guardLog(): string[];
}

/** A server with the HUD, the default push policy made explicit, and the socket guard preloaded. */
export async function startGuardedServer(): Promise<GuardedServer> {
  const logFile = path.join(mkdtempSync(path.join(tmpdir(), 'ferro-guard-')), 'guard.log');
  const server = await startHudServer({
    env: {
      FERRO_PUSH_DENY: 'link-local',
      NODE_OPTIONS: `--require ${path.join(__dirname, 'net-guard.cjs')}`,
      FERRO_FAULTS_GUARD_LOG: logFile,
      FERRO_FAULTS_FAKE_DNS: JSON.stringify(FAKE_DNS),
    },
  });
  const guardLog = () => {
    try {
      return readFileSync(logFile, 'utf8').split('\n').filter(Boolean);
    } catch {
      return [];
    }
  };
  return { server, guardLog };
}

async function wireOrThrow(baseUrl: string, token: string, method: string, urlPath: string, json?: unknown): Promise<any> {
  const body = json === undefined ? undefined : Buffer.from(JSON.stringify(json));
  const res = await sendRequest(baseUrl, method, urlPath, { Authorization: `OAuth ${token}`, 'Content-Type': 'application/json' }, body);
  if (res.status < 200 || res.status > 299) throw new Error(`setup: ${method} ${urlPath} answered ${res.status}: ${res.text.slice(0, 200)}`);
  return res.body;
}

/** A pull queue with three messages and an alert, and a push queue to a loopback port nobody serves. */
export async function seedWireTarget(baseUrl: string, projectId: string, token: string, label: string): Promise<WireTarget> {
  const base = `/3/projects/${projectId}/queues`;
  const pullQueue = `${label}-pull`;
  const pushQueue = `${label}-push`;
  await wireOrThrow(baseUrl, token, 'PUT', `${base}/${pullQueue}`, {
    queue: { alerts: [{ type: 'fixed', trigger: 100, direction: 'asc', queue: `${label}-alerts` }] },
  });
  const posted = await wireOrThrow(baseUrl, token, 'POST', `${base}/${pullQueue}/messages`, { messages: [{ body: 'one' }, { body: 'two' }, { body: 'three' }] });
  await wireOrThrow(baseUrl, token, 'PUT', `${base}/${pushQueue}`, {
    queue: { type: 'multicast', push: { subscribers: [{ name: 's1', url: 'http://127.0.0.1:9/hook' }], retries_delay: 60 } },
  });
  const info = await wireOrThrow(baseUrl, token, 'GET', `${base}/${pullQueue}`);
  return { projectId, pullQueue, pushQueue, messageId: posted.ids[0], alertId: info.queue.alerts[0].id };
}

/** Milliseconds one request takes on a kept-alive connection, and its status. */
export function timeRequest(agent: http.Agent, baseUrl: string, urlPath: string, token: string): Promise<{ ms: number; status: number }> {
  const { hostname, port } = new URL(baseUrl);
  return new Promise((resolve, reject) => {
    const startNs = process.hrtime.bigint();
    const req = http.request({ host: hostname, port, path: urlPath, method: 'GET', agent, headers: { Authorization: `OAuth ${token}` } }, (res) => {
      res.resume();
      res.on('end', () => resolve({ ms: Number(process.hrtime.bigint() - startNs) / 1e6, status: res.statusCode ?? 0 }));
    });
    req.on('error', reject);
    req.end();
  });
}

/** A token of the given length from the allowed alphabet that no project has. */
export function unknownToken(length: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
  return Array.from({ length }, () => alphabet[Math.floor(Math.random() * alphabet.length)]).join('');
}

/** Polls `read` until `isDone` holds or the deadline passes; the last value either way. */
export async function pollUntil<T>(read: () => Promise<T>, isDone: (value: T) => boolean, timeoutMs: number): Promise<T> {
  const deadlineMs = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (isDone(value) || Date.now() > deadlineMs) return value;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
