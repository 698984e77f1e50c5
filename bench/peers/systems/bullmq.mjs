// BullMQ on the Redis already running at 127.0.0.1:6379 (never restarted or reconfigured here):
// Queue.addBulk for batches, a Worker with concurrency running no-op jobs that are removed once
// completed. Each run uses its own key prefix and obliterates its queues, so nothing is left in
// Redis. Durability is Redis's, read from its configuration.
import { Queue, Worker } from 'bullmq';
import Redis from 'ioredis';
import { isProcess } from '../lib/processes.mjs';
import { SkipError, completion } from '../system.mjs';

const CONNECTION = { host: '127.0.0.1', port: 6379 };
/** Jobs one Worker runs at once; the jobs are no-ops, so this is how many Redis round trips overlap. */
const WORKER_CONCURRENCY = 100;
const JOB_OPTIONS = { removeOnComplete: true, removeOnFail: true };

export function bullmq() {
  let redis;
  let redisPid;
  const prefix = `ferro-peers-${process.pid}-${Date.now().toString(36)}`;
  const system = {
    id: 'bullmq',
    label: 'BullMQ (Redis)',
    durability: 'Redis persistence, read at start',
    durabilityTag: 'Redis config',
    acknowledgement: "the Worker's 'completed' event: the job is marked completed (and removed) in Redis",
    async start() {
      redis = new Redis({ ...CONNECTION, lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null });
      // ioredis rejects connect() with "Connection is closed."; the cause arrives as an 'error' event.
      let cause;
      redis.on('error', (error) => {
        cause = error;
      });
      try {
        await redis.connect();
      } catch (error) {
        throw new SkipError(`Redis unreachable at 127.0.0.1:6379 (${(cause ?? error).message})`);
      }
      const persistence = await readPersistence(redis);
      system.durability = persistence.sentence;
      system.durabilityTag = persistence.tag;
      const pid = Number(/^process_id:(\d+)/m.exec(await redis.info('server'))?.[1]);
      redisPid = isProcess(pid, 'redis-server') ? pid : undefined;
    },
    async stop() {
      // quit() waits for a reply, which a connection that never came up cannot give.
      if (redis?.status === 'ready') await redis.quit();
      else redis?.disconnect();
    },
    pids: () => (redisPid ? [redisPid] : []),
    serverProcess: () =>
      redisPid
        ? { pid: redisPid, note: 'the whole redis-server, which was running before this run and holds more than its keys' }
        : { reason: 'Redis reports no process_id of a local redis-server' },
    async openQueue(name) {
      const queue = new Queue(name, { connection: CONNECTION, prefix, defaultJobOptions: JOB_OPTIONS });
      await queue.waitUntilReady();
      return bullQueue(queue, name, prefix);
    },
  };
  return system;
}

/** appendonly, appendfsync and save, as a sentence and a short tag; "unknown" if CONFIG is refused. */
async function readPersistence(redis) {
  const config = async (key) => {
    try {
      return (await redis.config('GET', key))[1] ?? 'unset';
    } catch {
      return 'unknown';
    }
  };
  const [appendonly, appendfsync, save] = [await config('appendonly'), await config('appendfsync'), await config('save')];
  const settings = `appendonly ${appendonly}, appendfsync ${appendfsync}, save "${save}"`;
  if (appendonly === 'yes') {
    const tag = appendfsync === 'always' ? 'AOF fsync every write' : `AOF fsync ${appendfsync}`;
    return { tag, sentence: `Redis ${settings}: every write is appended to the AOF, which is fsynced per appendfsync` };
  }
  if (save !== '' && save !== 'unknown') {
    return { tag: 'RDB snapshots', sentence: `Redis ${settings}: only periodic snapshots reach disk` };
  }
  if (appendonly === 'unknown') return { tag: 'unknown', sentence: `Redis ${settings}: CONFIG GET was refused` };
  return { tag: 'nothing on disk', sentence: `Redis ${settings}: nothing is kept on disk; jobs are lost if Redis stops` };
}

function bullQueue(queue, name, prefix) {
  return {
    encode: (bodies) => bodies.map((body) => ({ name: 'message', data: { body } })),
    async publisher() {
      // ioredis pipelines the commands of concurrent addBulk calls on the Queue's one connection.
      return { publish: (batch) => queue.addBulk(batch), close: async () => {} };
    },
    async consume({ limit, onBody }) {
      const { done, resolve, reject } = completion();
      let acked = 0;
      const worker = new Worker(name, async (job) => onBody(job.data.body), {
        connection: CONNECTION,
        prefix,
        concurrency: WORKER_CONCURRENCY,
      });
      worker.on('error', reject);
      worker.on('failed', (_job, error) => reject(error));
      // 'completed' fires once the job is marked completed (and removed) in Redis: BullMQ's ack.
      worker.on('completed', () => {
        acked += 1;
        if (acked >= limit) resolve();
      });
      await worker.waitUntilReady();
      return { done, acked: () => acked, stop: () => worker.close() };
    },
    async drop() {
      await queue.obliterate({ force: true });
      await queue.close();
    },
  };
}
