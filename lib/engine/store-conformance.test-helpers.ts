// Shared pieces of the QueueStore conformance suite: the per-test context, a fixed start instant
// and small builders, so each part of the suite reads as the behaviour it checks.
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { EngineErrorCode } from './errors';
import { defaultQueueSettings } from './queue-settings';
import type { QueueStore } from './store';
import type { NewMessage, QueueSettings } from './types';

export interface ConformanceContext {
  /** The store under test; each test gets one freshly opened over the same data. */
  store(): QueueStore;
  /** Closes the store and opens another over the same data, as a restart would. */
  reopen(): Promise<QueueStore>;
  /**
   * Closes the store and opens one over an empty data set of its own, with retry jitter from
   * `random` (none by default); reopen() then restarts that one. For tests that must see every
   * row of the store, such as push claims, which span all projects.
   */
  openEmpty(options?: { random?: () => number }): Promise<QueueStore>;
}

/** The instant every test counts from (epoch ms); stores never read a real clock. */
export const T0 = Date.UTC(2026, 0, 1);

/** A fresh 24-hex project id, so no two tests ever see each other's queues. */
export function newProjectId(): string {
  return randomBytes(12).toString('hex');
}

/** Pull-queue defaults with some fields changed. */
export function pullSettings(changes: Partial<QueueSettings> = {}): QueueSettings {
  return { ...defaultQueueSettings(), ...changes };
}

/** A message as the engine hands it to the store, with its delay in ms. */
export function newMessage(body: string, delayMs = 0): NewMessage {
  return { body, delayMs, pushHeaders: null };
}

/** Posts plain messages and returns their ids. */
export async function postBodies(store: QueueStore, projectId: string, name: string, bodies: string[], nowMs = T0): Promise<string[]> {
  return (await store.postMessages(projectId, name, bodies.map((body) => newMessage(body)), nowMs)).ids;
}

/** Creates (or replaces the settings of) a queue. */
export async function saveSettings(
  store: QueueStore,
  projectId: string,
  name: string,
  settings: QueueSettings,
  nowMs = T0,
) {
  return (await store.saveQueue(projectId, name, () => settings, nowMs)).queue;
}

/** Asserts that `run` fails with an EngineError of `code`, whether it throws or rejects. */
export async function expectEngineError(run: () => unknown, code: EngineErrorCode): Promise<void> {
  await expect(Promise.resolve().then(run)).rejects.toMatchObject({ name: 'EngineError', code });
}

/** The ids of a list of messages, for order comparisons. */
export function idsOf(messages: Array<{ id: string }>): string[] {
  return messages.map((message) => message.id);
}
