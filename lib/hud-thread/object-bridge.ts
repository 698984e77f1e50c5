// Calls across a MessagePort: the HUD's thread uses the engine, the auth and stats stores and the
// metrics of the main thread as if they were its own. A call is a path of property names and its
// arguments; the reply is the awaited result, or the error rebuilt as the class it was thrown as
// (the BFF maps errors by class and code). Everything crosses by structured clone: data only.
import type { MessagePort } from 'node:worker_threads';
import { AuthError } from '../auth/errors';
import { EngineError } from '../engine/errors';

interface Call {
  id: number;
  path: string[];
  args: unknown[];
}

interface SentError {
  className: string;
  message: string;
  stack?: string;
  /** Own enumerable fields, such as `code`. */
  fields: Record<string, unknown>;
}

type Reply = { id: number; result: unknown } | { id: number; error: SentError };

/** The errors callers tell apart by class; anything else comes back as a plain Error. */
const ERROR_CLASSES: Record<string, { prototype: Error }> = { EngineError, AuthError };

/** Names that would walk out of the served objects into their prototypes. */
const FORBIDDEN_NAMES = new Set(['__proto__', 'prototype', 'constructor']);

function sendable(error: unknown): SentError {
  if (!(error instanceof Error)) return { className: 'Error', message: String(error), fields: {} };
  const className = Object.keys(ERROR_CLASSES).find((name) => error instanceof (ERROR_CLASSES[name] as unknown as typeof Error)) ?? 'Error';
  // Only plain values travel: a field holding a function would make the reply uncloneable.
  const fields = Object.fromEntries(Object.entries(error).filter(([, value]) => typeof value !== 'function' && typeof value !== 'object'));
  return { className, message: error.message, stack: error.stack, fields };
}

/** The error as its class, without running a constructor: instanceof and `code` are what callers check. */
function rebuilt(sent: SentError): Error {
  const error = Object.create((ERROR_CLASSES[sent.className] ?? Error).prototype) as Error;
  Object.assign(error, sent.fields);
  Object.defineProperty(error, 'message', { value: sent.message, writable: true, configurable: true });
  if (sent.stack) Object.defineProperty(error, 'stack', { value: sent.stack, writable: true, configurable: true });
  return error;
}

/** The function at `path` under `roots`, with the object it belongs to (its `this`). */
function resolve(roots: Record<string, unknown>, path: string[]): { owner: unknown; method: (...args: unknown[]) => unknown } {
  if (path.length < 2 || path.some((name) => FORBIDDEN_NAMES.has(name))) throw new Error(`not a served method: ${path.join('.')}`);
  let owner: unknown = roots;
  for (const name of path.slice(0, -1)) owner = (owner as Record<string, unknown> | undefined)?.[name];
  const method = (owner as Record<string, unknown> | undefined)?.[path[path.length - 1]];
  if (typeof method !== 'function') throw new Error(`not a served method: ${path.join('.')}`);
  return { owner, method: method as (...args: unknown[]) => unknown };
}

/** Main thread: answers every call arriving on `port` with the methods of `roots`. */
export function serveObjects(port: MessagePort, roots: Record<string, unknown>): void {
  port.on('message', (call: Call) => {
    const reply = (message: Reply) => {
      try {
        port.postMessage(message);
      } catch (error) {
        // A result that cannot be cloned is a bug in what the HUD asked for; it still gets an answer.
        port.postMessage({ id: call.id, error: sendable(error) });
      }
    };
    Promise.resolve()
      .then(() => {
        const { owner, method } = resolve(roots, call.path);
        return method.apply(owner, call.args);
      })
      .then(
        (result) => reply({ id: call.id, result }),
        (error: unknown) => reply({ id: call.id, error: sendable(error) }),
      );
  });
}

/**
 * Worker thread: `remote(root)` is an object whose every method, at any depth, calls the method at
 * the same path under `root` in the main thread and resolves with its result. Every call is
 * asynchronous, whatever the method is over there. `then` is left undefined, so a remote object
 * is never taken for a promise.
 */
export function connectRemote(port: MessagePort): <T>(root: string) => T {
  const pending = new Map<number, { resolve: (value: unknown) => void; reject: (error: Error) => void }>();
  let nextId = 1;
  port.on('message', (reply: Reply) => {
    const waiting = pending.get(reply.id);
    if (!waiting) return;
    pending.delete(reply.id);
    if ('error' in reply) waiting.reject(rebuilt(reply.error));
    else waiting.resolve(reply.result);
  });
  const call = (path: string[], args: unknown[]) =>
    new Promise((resolve, reject) => {
      const id = nextId++;
      pending.set(id, { resolve, reject });
      port.postMessage({ id, path, args } satisfies Call);
    });
  const at = (path: string[]): unknown =>
    new Proxy(function remote() {}, {
      get: (_target, name) => (typeof name === 'symbol' || name === 'then' ? undefined : at([...path, name])),
      apply: (_target, _this, args: unknown[]) => call(path, args),
    });
  return <T>(root: string) => at([root]) as T;
}
