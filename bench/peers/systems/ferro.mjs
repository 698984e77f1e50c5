// Ferro through its IronMQ v3 HTTP API, as the IronMQ clients use it: posts of 100 messages,
// long-poll reserves of 100 and batch deletes by reservation id, over keep-alive sockets. The
// server is dist/server.js on a fresh data dir (bench/lib/server.mjs); run.mjs sets FERRO_SYNC=full.
import { BenchClient, reserveBody } from '../../lib/http-client.mjs';
import { PROJECT_ID, TOKEN, startServer } from '../../lib/server.mjs';
import { completion } from '../system.mjs';

/** Concurrent reserve-then-delete loops; with 8 posting clients this fills the client's 16 sockets. */
const CONSUMERS = 8;
/** IronMQ's most messages per reserve. */
const RESERVE_MAX = 100;
/** Seconds a reserve waits for messages: returns at once when any arrive, and bounds how long stop() takes. */
const WAIT_SECONDS = 1;

export function ferro({ root, isHudEnabled }) {
  let server;
  let client;
  return {
    id: 'ferro',
    label: isHudEnabled ? 'Ferro (HUD on)' : 'Ferro',
    durability: 'FERRO_SYNC=full: an acknowledged post or delete is fsynced (one fsync per group commit)',
    durabilityTag: 'fsync per commit',
    acknowledgement: 'the reply to the batch DELETE of the reserved messages',
    async start() {
      server = await startServer({ root, isHudEnabled });
      client = new BenchClient({ port: server.port, projectId: PROJECT_ID, token: TOKEN });
    },
    async stop() {
      client?.close();
      await server?.stop();
    },
    pids: () => [server.pid],
    serverProcess: () => ({ pid: server.pid }),
    async openQueue(name) {
      // Created up front: a reserve on a queue nobody has posted to yet is a 404, not an empty reply.
      await client.request('PUT', `${client.base}/${name}`, Buffer.from('{}'));
      return ferroQueue(client, name);
    },
  };
}

function ferroQueue(client, name) {
  return {
    encode: (bodies) => Buffer.from(JSON.stringify({ messages: bodies.map((body) => ({ body })) })),
    async publisher() {
      return { publish: (batch) => client.post(name, batch), close: async () => {} };
    },
    consume: async (options) => ferroConsumer(client, name, options),
    async drop() {
      await client.request('DELETE', `${client.base}/${name}`, Buffer.alloc(0));
    },
  };
}

/**
 * CONSUMERS loops, each reserving up to 100 and deleting them in one request. `claimed` counts
 * messages asked for but not yet seen, so the loops together never ask for more than `limit`.
 */
function ferroConsumer(client, name, { limit, onBody }) {
  const { done, resolve, reject } = completion();
  const fullReserve = reserveBody({ n: RESERVE_MAX, wait: WAIT_SECONDS });
  let claimed = 0;
  let acked = 0;
  let isStopped = false;
  const loop = async () => {
    while (!isStopped && claimed < limit) {
      const n = Math.min(RESERVE_MAX, limit - claimed);
      claimed += n;
      const messages = await client.reserve(name, n === RESERVE_MAX ? fullReserve : reserveBody({ n, wait: WAIT_SECONDS }));
      claimed -= n - messages.length;
      if (messages.length === 0) continue;
      for (const message of messages) onBody(message.body);
      await client.deleteReserved(name, messages);
      acked += messages.length;
      if (acked >= limit) resolve();
    }
  };
  const loops = Array.from({ length: CONSUMERS }, () => loop().catch((error) => reject(error)));
  return {
    done,
    acked: () => acked,
    async stop() {
      isStopped = true;
      await Promise.all(loops);
    },
  };
}
