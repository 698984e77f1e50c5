// Starts the HUD in a process of its own and hands the front door a handler for HUD requests.
// Next's rendering is heavy and synchronous in stretches; in the server's process it would hold up
// the wire API's requests and long-poll wake-ups behind every page load, and even in a thread of
// its own its garbage collection would share V8's helper threads with the API. The child calls the
// server's runtime over its IPC channel and gets its requests through a private Unix socket.
import { fork, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Runtime } from '../runtime-access';
import { createHudProxy } from './hud-proxy';
import { ipcChannel } from './ipc-channel';
import { serveObjects } from './object-bridge';

/** What the HUD's process is started with (hud-child.ts), as JSON in its first argument. */
export interface HudChildData {
  /** The repository root, where Next finds `.next`. */
  root: string;
  socketPath: string;
  startedAtMs: number;
  dataDir: string;
  push: { deny?: string; allow?: string; requestTimeoutMs: number };
}

export interface HudProcess {
  handle(req: IncomingMessage, res: ServerResponse): void;
  /** Ends the HUD's process; call once the server has stopped taking requests. */
  close(): Promise<void>;
}

export interface HudProcessOptions {
  root: string;
  /** The built entry of the HUD's process (dist/hud-child.js). */
  childScript: string;
  runtime: Runtime;
  push: HudChildData['push'];
  /** The HUD's process died after it started: the HUD is gone, and the server should restart. */
  onFatal(error: Error): void;
}

/** How long the HUD's process may take to exit once its channel is closed before it is killed (ms). */
const EXIT_GRACE_MS = 5_000;

const exitOf = (child: ChildProcess): Promise<string> =>
  new Promise((resolve) => child.once('exit', (code, signal) => resolve(signal ? `signal ${signal}` : `code ${code}`)));

/**
 * Resolves once Next is ready in its process. The child inherits process.env as it is now, so the
 * HUD's settings (NEXTAUTH_SECRET, NEXTAUTH_URL) must be in place before this is called.
 */
export async function startHudProcess(options: HudProcessOptions): Promise<HudProcess> {
  const { runtime } = options;
  const socketDir = mkdtempSync(path.join(tmpdir(), 'ferro-hud-'));
  const socketPath = path.join(socketDir, 'hud.sock');
  const data: HudChildData = { root: options.root, socketPath, startedAtMs: runtime.startedAtMs, dataDir: runtime.dataDir, push: options.push };
  const child = fork(options.childScript, [JSON.stringify(data)], { serialization: 'advanced', env: process.env });
  // A call answered after the child is gone fails to send; the exit below is what reports it.
  child.on('error', () => {});
  const exited = exitOf(child);
  const channel = ipcChannel(child);
  serveObjects(channel, { engine: runtime.engine, auth: runtime.auth, stats: runtime.stats, sampler: runtime.sampler, metrics: runtime.metrics });
  let isClosing = false;

  await new Promise<void>((resolve, reject) => {
    channel.on('message', (message) => {
      if ((message as { event?: string } | null)?.event === 'ready') resolve();
    });
    void exited.then((how) => reject(new Error(`the HUD's process exited (${how}) before it was ready`)));
  }).catch((error: unknown) => {
    rmSync(socketDir, { recursive: true, force: true });
    throw error;
  });
  void exited.then((how) => {
    if (!isClosing) options.onFatal(new Error(`the HUD's process exited (${how})`));
  });

  const proxy = createHudProxy(socketPath);
  return {
    handle: proxy.handle,
    async close() {
      isClosing = true;
      proxy.close();
      // Closing the channel is the child's signal to exit (hud-child.ts); a HUD stuck in a render
      // must not hold the server's shutdown up.
      if (child.connected) child.disconnect();
      const kill = setTimeout(() => child.kill('SIGKILL'), EXIT_GRACE_MS);
      await exited;
      clearTimeout(kill);
      rmSync(socketDir, { recursive: true, force: true });
    },
  };
}

/**
 * The front door's HUD handler, usable before the process exists: the server listens before the
 * HUD can start (NEXTAUTH_URL needs the bound port), and requests that arrive meanwhile wait.
 */
export function awaitingHud(): { handle(req: IncomingMessage, res: ServerResponse): void; started(hud: HudProcess): void } {
  let hud: HudProcess | undefined;
  let onStarted: (started: HudProcess) => void = () => {};
  const whenStarted = new Promise<HudProcess>((resolve) => (onStarted = resolve));
  return {
    handle: (req, res) => (hud ? hud.handle(req, res) : void whenStarted.then((started) => started.handle(req, res))),
    started(started) {
      hud = started;
      onStarted(started);
    },
  };
}
