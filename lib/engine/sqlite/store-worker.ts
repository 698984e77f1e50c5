// The worker thread that owns the SQLite store (built to dist/store-worker.js). Statements and
// their fsyncs run here, off the main thread, which meanwhile keeps parsing requests and answering
// the ones already done; calls that arrive while a commit is on the disk join the next one.
import { parentPort, workerData } from 'node:worker_threads';
import type { Queue, QueueSettings } from '../types';
import { SqliteQueueStore } from './sqlite-store';
import { FORWARDED_METHODS, serializeError, type StoreCall, type StoreWorkerData, type WorkerMessage } from './threaded-protocol';

const port = parentPort!;
const data = workerData as StoreWorkerData;
const post = (message: WorkerMessage) => port.postMessage(message);
const forwarded = new Set<string>(FORWARDED_METHODS);

const store = new SqliteQueueStore({
  ...data.options,
  random: data.fixedRandom === undefined ? Math.random : () => data.fixedRandom!,
  onCommit: (batchSize, durationMs) => post({ event: 'commit', batchSize, durationMs }),
  log: (line) => post({ event: 'log', line }),
  onCheckpoint: (checkpoint) => post({ event: 'checkpoint', checkpoint }),
});

/** What a save must find unchanged: the queue's identity and settings (absent: no queue at all). */
function versionOf(queue: Queue | undefined): string {
  if (!queue) return 'absent';
  const { type, messageTimeoutMs, messageExpirationMs, push, alerts, deadLetter } = queue;
  return `${queue.id}:${JSON.stringify({ type, messageTimeoutMs, messageExpirationMs, push, alerts, deadLetter })}`;
}

class SaveConflict extends Error {}

async function dispatch(call: StoreCall): Promise<unknown> {
  const [projectId, name] = call.args as [string, string];
  if (call.method === 'readForSave') {
    const queue = await store.getQueue(projectId, name);
    return { queue, version: versionOf(queue) };
  }
  if (call.method === 'saveIfUnchanged') {
    const [, , settings, version, nowMs] = call.args as [string, string, QueueSettings, string, number];
    try {
      return await store.saveQueue(projectId, name, (current) => {
        if (versionOf(current) !== version) throw new SaveConflict();
        return settings;
      }, nowMs);
    } catch (error) {
      if (error instanceof SaveConflict) return { isConflict: true };
      throw error;
    }
  }
  if (call.method === 'close') return store.close();
  if (!forwarded.has(call.method)) throw new Error(`not a store method: ${call.method}`);
  const method = store[call.method as (typeof FORWARDED_METHODS)[number]] as (...args: unknown[]) => Promise<unknown>;
  return method.apply(store, call.args);
}

port.on('message', (call: StoreCall) => {
  dispatch(call).then(
    (result) => post({ id: call.id, result }),
    (error: unknown) => post({ id: call.id, error: serializeError(error) }),
  );
});
post({ event: 'ready' });
