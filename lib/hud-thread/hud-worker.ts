// The HUD's own thread (built to dist/hud-worker.js): Next renders pages and answers the BFF here,
// so a burst of page loads never stalls the wire API on the main thread's event loop. The engine,
// the stores and the metrics stay in the main thread, reached across a MessagePort
// (object-bridge.ts); this thread holds no queue state of its own.
import { createServer } from 'node:http';
import { parentPort, workerData } from 'node:worker_threads';
import { createAddressPolicy } from '../push/address-policy';
import { installRuntime, type Runtime } from '../runtime-access';
import type { HudWorkerData } from './hud-thread';
import { connectRemote } from './object-bridge';
import { HUD_NICE_STEPS, lowerThisThreadPriority } from './thread-priority';

async function main(): Promise<void> {
  lowerThisThreadPriority(HUD_NICE_STEPS);
  const data = workerData as HudWorkerData;
  const remote = connectRemote(data.port);
  installRuntime({
    engine: remote('engine'),
    auth: remote('auth'),
    stats: remote('stats'),
    sampler: remote('sampler'),
    metrics: remote('metrics'),
    // The address policy is rules, not state: built here from the same settings as the pusher's.
    push: { policy: createAddressPolicy({ deny: data.push.deny, allow: data.push.allow }), requestTimeoutMs: data.push.requestTimeoutMs },
    startedAtMs: data.startedAtMs,
    dataDir: data.dataDir,
    // The main thread owns the runtime and closes it.
    close: async () => {},
  } satisfies Runtime);

  const { default: next } = await import('next');
  const app = next({ dev: false, dir: data.root });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = createServer((req, res) => void handle(req, res));
  // Its one client is the main thread's proxy, which keeps connections for reuse: closing idle
  // ones after Node's 5 s raced the proxy's next request on them (a 502 for a script chunk).
  server.keepAliveTimeout = 0;
  // The socket sits in a directory only this process's user can enter (hud-thread.ts): requests
  // through it skip the front door's checks.
  await new Promise<void>((resolve) => server.listen(data.socketPath, resolve));
  parentPort!.postMessage({ event: 'ready' });
}

// A failure to start rejects unhandled: that ends this thread, and the main thread hears it as
// the worker's 'error' event.
void main();
