// Starts the HUD in a thread of its own and hands the front door a handler for HUD requests.
// Next's rendering is heavy and synchronous in stretches; on the main thread it would hold up the
// wire API's requests and long-poll wake-ups behind every page load. The worker gets the main
// thread's runtime through a MessagePort and its requests through a private Unix socket.
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { MessageChannel, Worker, type MessagePort } from 'node:worker_threads';
import type { Runtime } from '../runtime-access';
import { createHudProxy } from './hud-proxy';
import { serveObjects } from './object-bridge';

/** What the HUD's thread is started with (hud-worker.ts). */
export interface HudWorkerData {
  /** The repository root, where Next finds `.next`. */
  root: string;
  socketPath: string;
  /** The runtime's calls go over it (object-bridge.ts). */
  port: MessagePort;
  startedAtMs: number;
  dataDir: string;
  push: { deny?: string; allow?: string; requestTimeoutMs: number };
}

export interface HudThread {
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Ends the thread; call once the server has stopped taking requests. */
  close(): Promise<void>;
}

export interface HudThreadOptions {
  root: string;
  /** The built worker (dist/hud-worker.js). */
  workerScript: string;
  runtime: Runtime;
  push: HudWorkerData['push'];
  /** The thread died after it started: the HUD is gone, and the process should restart. */
  onFatal(error: Error): void;
}

/**
 * Resolves once Next is ready in its thread. The worker inherits process.env as it is now, so the
 * HUD's settings (NEXTAUTH_SECRET, NEXTAUTH_URL) must be in place before this is called.
 */
export async function startHudThread(options: HudThreadOptions): Promise<HudThread> {
  const { runtime } = options;
  const socketDir = mkdtempSync(path.join(tmpdir(), 'ferro-hud-'));
  const socketPath = path.join(socketDir, 'hud.sock');
  const { port1, port2 } = new MessageChannel();
  serveObjects(port1, { engine: runtime.engine, auth: runtime.auth, stats: runtime.stats, sampler: runtime.sampler, metrics: runtime.metrics });
  const data: HudWorkerData = { root: options.root, socketPath, port: port2, startedAtMs: runtime.startedAtMs, dataDir: runtime.dataDir, push: options.push };
  const worker = new Worker(options.workerScript, { workerData: data, transferList: [port2] });
  let isClosing = false;

  await new Promise<void>((resolve, reject) => {
    worker.once('message', () => resolve());
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`the HUD's thread exited with code ${code} before it was ready`)));
  }).catch((error: unknown) => {
    rmSync(socketDir, { recursive: true, force: true });
    throw error;
  });
  worker.removeAllListeners();
  worker.once('error', (error) => options.onFatal(error));
  worker.once('exit', (code) => {
    if (!isClosing) options.onFatal(new Error(`the HUD's thread exited with code ${code}`));
  });

  const proxy = createHudProxy(socketPath);
  return {
    handle: proxy.handle,
    async close() {
      isClosing = true;
      proxy.close();
      await worker.terminate();
      port1.close();
      rmSync(socketDir, { recursive: true, force: true });
    },
  };
}

/**
 * The front door's HUD handler, usable before the thread exists: the server listens before the
 * HUD can start (NEXTAUTH_URL needs the bound port), and requests that arrive meanwhile wait.
 */
export function awaitingHud(): { handle(req: IncomingMessage, res: ServerResponse): void; started(thread: HudThread): void } {
  let thread: HudThread | undefined;
  let onStarted: (started: HudThread) => void = () => {};
  const whenStarted = new Promise<HudThread>((resolve) => (onStarted = resolve));
  return {
    handle: (req, res) => (thread ? thread.handle(req, res) : void whenStarted.then((started) => started.handle(req, res))),
    started(started) {
      thread = started;
      onStarted(started);
    },
  };
}
