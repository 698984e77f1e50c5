// The SQLite store run in a worker thread (store-worker.ts), seen from the main thread as an
// ordinary QueueStore. better-sqlite3 is synchronous: in the main thread every statement and
// every fsync would stop request parsing, long-poll wake-ups and the HUD. Here the worker
// commits while the main thread keeps working, and writes that arrive during a commit join the
// next one, as group commit does within one thread.
import { Worker } from 'node:worker_threads';
import { EngineError } from '../errors';
import type { QueueStore } from '../store';
import type { NewMessage, Queue, QueueSettings } from '../types';
import type { SqliteStoreOptions } from './sqlite-store';
import {
  FORWARDED_METHODS,
  deserializeError,
  type ForwardedMethod,
  type StoreCall,
  type StoreWorkerData,
  type WorkerMessage,
} from './threaded-protocol';

export interface ThreadedStoreOptions extends Omit<SqliteStoreOptions, 'random'> {
  /** The built worker (dist/store-worker.js). */
  workerScript: string;
  /** A constant jitter source for tests; Math.random when absent. */
  fixedRandom?: number;
  /** The worker died: the store cannot go on, and the process should not either. */
  onFatal?: (error: Error) => void;
}

/** A save retries when another write changed the queue between its read and its write. */
const MAX_SAVE_ATTEMPTS = 100;

type Pending = { resolve: (value: unknown) => void; reject: (error: Error) => void };

export type ThreadedSqliteStore = QueueStore;

/** Starts the worker and resolves once it has opened the database (or rejects with why it could not). */
export function openThreadedSqliteStore(options: ThreadedStoreOptions): Promise<ThreadedSqliteStore> {
  const { workerScript, fixedRandom, onCommit, onFatal, log, onCheckpoint, ...storeOptions } = options;
  const data: StoreWorkerData = { options: storeOptions, fixedRandom };
  const worker = new Worker(workerScript, { workerData: data });
  const pending = new Map<number, Pending>();
  let nextId = 1;
  let failure: Error | undefined;
  let isClosed = false;

  const call = <T>(method: StoreCall['method'], args: unknown[]): Promise<T> => {
    if (failure) return Promise.reject(new EngineError('STORAGE_UNAVAILABLE', `The store's worker stopped: ${failure.message}`));
    const id = nextId++;
    return new Promise<T>((resolve, reject) => {
      pending.set(id, { resolve: resolve as (value: unknown) => void, reject });
      worker.postMessage({ id, method, args } satisfies StoreCall);
    });
  };

  const fail = (error: Error) => {
    if (failure || isClosed) return;
    failure = error;
    for (const { reject } of pending.values()) reject(new EngineError('STORAGE_UNAVAILABLE', `The store's worker stopped: ${error.message}`));
    pending.clear();
    onFatal?.(error);
  };

  return new Promise((resolve, reject) => {
    worker.on('message', (message: WorkerMessage) => {
      if ('event' in message) {
        // Every method is on `store` (threaded-protocol.ts fails to compile otherwise).
        if (message.event === 'ready') resolve(store as unknown as QueueStore);
        else if (message.event === 'log') log?.(message.line);
        else if (message.event === 'checkpoint') onCheckpoint?.(message.checkpoint);
        else onCommit?.(message.batchSize, message.durationMs);
        return;
      }
      const waiting = pending.get(message.id);
      if (!waiting) return;
      pending.delete(message.id);
      if ('error' in message) waiting.reject(deserializeError(message.error));
      else waiting.resolve(message.result);
    });
    worker.once('error', (error) => {
      reject(error);
      fail(error);
    });
    worker.once('exit', (code) => fail(new Error(`exited with code ${code}`)));

    const store = {} as Record<string, unknown>;
    for (const method of FORWARDED_METHODS) store[method] = (...args: unknown[]) => call(method satisfies ForwardedMethod, args);
    // onCommitted cannot cross to the worker (a function): here long polls wake once the post is durable.
    store.postMessages = (projectId: string, name: string, messages: NewMessage[], nowMs: number) => call('postMessages', [projectId, name, messages, nowMs]);

    /** saveQueue's `decide` runs here; the write happens only if the queue is still as it was read. */
    store.saveQueue = async (projectId: string, name: string, decide: (current: Queue | undefined) => QueueSettings, nowMs: number) => {
      for (let attempt = 0; attempt < MAX_SAVE_ATTEMPTS; attempt += 1) {
        const { queue, version } = await call<{ queue: Queue | undefined; version: string }>('readForSave', [projectId, name]);
        const settings = decide(queue);
        const saved = await call<{ queue: Queue; isCreated: boolean } | { isConflict: true }>('saveIfUnchanged', [projectId, name, settings, version, nowMs]);
        if (!('isConflict' in saved)) return saved;
      }
      throw new EngineError('STORAGE_UNAVAILABLE', `Queue ${name} kept changing under a save; try again`);
    };

    store.close = async () => {
      if (isClosed) return;
      await call('close', []);
      isClosed = true;
      await worker.terminate();
    };
  });
}
