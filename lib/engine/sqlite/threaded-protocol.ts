// What the main thread and the store's worker thread say to each other (threaded-store.ts,
// store-worker.ts): calls by method name with their arguments, replies by call id, and events.
// Everything crosses by structured clone, so only data travels — never a function.
import { EngineError, type EngineErrorCode } from '../errors';
import type { QueueStore } from '../store';
import type { SqliteStoreOptions } from './sqlite-store';
import type { CheckpointEvent } from './wal-checkpointer';

/** The store methods that cross as they are; saveQueue (it takes a function) and close do not. */
export const FORWARDED_METHODS = [
  'getQueue', 'listQueueNames', 'deleteQueue', 'deleteQueues', 'postMessages', 'reserveMessages', 'peekMessages',
  'browseMessages', 'getMessage', 'deleteMessages', 'deleteMessage', 'touchMessage', 'releaseMessage', 'clearMessages',
  'countMessages', 'nextDueAtMs', 'sweep', 'claimDeliveries', 'recordDeliveryOutcome', 'deferDelivery',
  'acknowledgeDelivery', 'getPushStatuses', 'nextDeliveryDueAtMs', 'listDeliveries', 'latestMessages',
  'findQueueSources', 'createRedrive', 'getRedrive', 'listRedrives', 'cancelRedrive', 'claimRedrive',
  'moveRedriveBatch', 'queueStats', 'ping',
] as const satisfies ReadonlyArray<keyof QueueStore>;

export type ForwardedMethod = (typeof FORWARDED_METHODS)[number];

/** Fails to compile when QueueStore gains a method that neither crosses nor is handled by hand. */
type Unhandled = Exclude<keyof QueueStore, ForwardedMethod | 'saveQueue' | 'close'>;
export const EVERY_METHOD_HANDLED: Unhandled extends never ? true : Unhandled = true;

/** saveQueue's two halves: read the queue with a version, then write only if it is unchanged. */
export type SaveMethod = 'readForSave' | 'saveIfUnchanged';

export interface StoreCall {
  id: number;
  method: ForwardedMethod | SaveMethod | 'close';
  args: unknown[];
}

export interface SerializedError {
  name: string;
  message: string;
  code?: string;
  stack?: string;
}

export type WorkerMessage =
  | { id: number; result: unknown }
  | { id: number; error: SerializedError }
  | { event: 'ready' }
  | { event: 'commit'; batchSize: number; durationMs: number }
  | { event: 'log'; line: string }
  | { event: 'checkpoint'; checkpoint: CheckpointEvent };

/** What the worker needs to open the store: SqliteStoreOptions minus the functions. */
export interface StoreWorkerData {
  options: Omit<SqliteStoreOptions, 'random' | 'onCommit' | 'log' | 'onCheckpoint'>;
  /** A constant jitter source (tests); Math.random when absent. */
  fixedRandom?: number;
}

export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error) return { name: error.name, message: error.message, code: (error as { code?: string }).code, stack: error.stack };
  return { name: 'Error', message: String(error) };
}

/** The engine's own errors come back as EngineErrors (callers map their codes); anything else as an Error. */
export function deserializeError(error: SerializedError): Error {
  if (error.name === 'EngineError' && error.code) return new EngineError(error.code as EngineErrorCode, error.message === error.code ? undefined : error.message);
  const rebuilt = new Error(error.message);
  rebuilt.name = error.name;
  if (error.code) (rebuilt as Error & { code: string }).code = error.code;
  if (error.stack) rebuilt.stack = error.stack;
  return rebuilt;
}
