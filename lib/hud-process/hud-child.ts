// The HUD's own process (built to dist/hud-child.js, started by hud-process.ts): Next renders pages
// and answers the BFF here, so a burst of page loads never stalls the wire API. A process rather
// than a thread so that all of its work, V8's garbage collection and compilation included, runs
// below the server on the CPU (process-priority.ts). The engine, the stores and the metrics stay
// in the server's process, reached over the IPC channel (object-bridge.ts); this process holds no
// queue state of its own.
import { createServer } from 'node:http';
import { createAddressPolicy } from '../push/address-policy';
import { installRuntime, type Runtime } from '../runtime-access';
import type { HudChildData } from './hud-process';
import { ipcChannel } from './ipc-channel';
import { connectRemote } from './object-bridge';
import { HUD_NICE_STEPS, idleSchedulingForThisProcess, lowerThisProcessPriority } from './process-priority';

async function main(): Promise<void> {
  // Nice first: where SCHED_IDLE is refused or chrt is missing, the lower nice value still holds.
  lowerThisProcessPriority(HUD_NICE_STEPS);
  idleSchedulingForThisProcess();
  const data = JSON.parse(process.argv[2]) as HudChildData;
  const channel = ipcChannel(process);
  // The server's process ends this one by closing the channel, on shutdown or when it dies (even
  // by kill -9). Signals sent to the whole process group (Ctrl-C) are the server's to act on: it
  // closes the channel once its shutdown reaches the HUD.
  process.on('disconnect', () => process.exit(0));
  process.on('SIGINT', () => {});
  process.on('SIGTERM', () => {});
  const remote = connectRemote(channel);
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
    // The server's process owns the runtime and closes it.
    close: async () => {},
  } satisfies Runtime);

  const { default: next } = await import('next');
  const app = next({ dev: false, dir: data.root });
  await app.prepare();
  const handle = app.getRequestHandler();
  const server = createServer((req, res) => void handle(req, res));
  // The socket sits in a directory only this user can enter (hud-process.ts): requests through it
  // skip the front door's checks.
  await new Promise<void>((resolve) => server.listen(data.socketPath, resolve));
  channel.postMessage({ event: 'ready' });
}

main().catch((error: unknown) => {
  // The server's process hears the exit before 'ready' and reports this failure with its own.
  console.error(error);
  process.exit(1);
});
