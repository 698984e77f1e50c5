// Health checks for load balancers and orchestrators, unauthenticated and cheap. /healthz says
// the process is alive and its event loop answers; /readyz says it can do its work: the store
// can make a write durable, the data disk has room, the schema is current (the store would not
// have opened otherwise). A check result is reused for a second, so probes cost next to nothing.
import { statfsSync } from 'node:fs';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { QueueStore } from './engine/store';

/** Below this much free space on the data disk the server stops calling itself ready. */
const MIN_FREE_BYTES = 64 * 1024 * 1024;
const CHECK_REUSE_MS = 1_000;
const PING_TIMEOUT_MS = 2_000;

function reply(res: ServerResponse, status: number, body: unknown): void {
  const json = JSON.stringify(body);
  res.writeHead(status, { 'Content-Type': 'application/json', 'Content-Length': Buffer.byteLength(json), 'Cache-Control': 'no-store' });
  res.end(json);
}

async function readinessProblems(store: QueueStore, dataDir: string): Promise<string[]> {
  const problems: string[] = [];
  try {
    const { bavail, bsize } = statfsSync(dataDir);
    if (bavail * bsize < MIN_FREE_BYTES) problems.push(`data disk has ${Math.floor((bavail * bsize) / 1048576)} MiB free, below ${MIN_FREE_BYTES / 1048576} MiB`);
  } catch (error) {
    problems.push(`data directory unreadable: ${String(error)}`);
  }
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`no durable write within ${PING_TIMEOUT_MS} ms`)), PING_TIMEOUT_MS)));
  try {
    await Promise.race([store.ping(), timeout]);
  } catch (error) {
    problems.push(`store not writable: ${error instanceof Error ? error.message : String(error)}`);
  } finally {
    clearTimeout(timer);
  }
  return problems;
}

export function createHealthHandlers(options: { store: QueueStore; dataDir: string; startedAtMs: number }) {
  let last: { atMs: number; problems: Promise<string[]> } | undefined;
  return {
    healthz(_req: IncomingMessage, res: ServerResponse): void {
      reply(res, 200, { status: 'ok', uptimeSeconds: Math.round((Date.now() - options.startedAtMs) / 1000) });
    },
    async readyz(_req: IncomingMessage, res: ServerResponse): Promise<void> {
      if (!last || Date.now() - last.atMs > CHECK_REUSE_MS) last = { atMs: Date.now(), problems: readinessProblems(options.store, options.dataDir) };
      const problems = await last.problems;
      reply(res, problems.length === 0 ? 200 : 503, problems.length === 0 ? { status: 'ready' } : { status: 'unready', reasons: problems });
    },
  };
}
