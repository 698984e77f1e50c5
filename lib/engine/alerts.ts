// Managing a queue's alerts (§2.8): the rules behind add, replace and delete, as pure functions
// from the current queue to the settings to store, so the engine runs each inside one atomic
// store.saveQueue. The progressive-cycle check reads other queues, so it runs just before.
// When alerts fire is lib/alerts' business, not this file's.
import { EngineError, invalidArgument } from './errors';
import { applyQueuePatch } from './queue-settings';
import type { Alert, Queue, QueuePatch, QueueSettings } from './types';

/** An alert as a request gives it; the id is assigned (or, on replace, kept) when stored. */
export type AlertInput = NonNullable<QueuePatch['alerts']>[number];

/** `{}` items mean "no alert" (node's clear_alerts sends `[{}]`). */
const isEmptyInput = (alert: AlertInput) => Object.keys(alert).length === 0;

/** Two alerts of the same type, direction and trigger would fire together: add refuses that. */
const isSameKind = (a: AlertInput | Alert, b: AlertInput | Alert) =>
  a.type === b.type && a.direction === b.direction && a.trigger === b.trigger;

/**
 * Settings with `requested` appended (POST /alerts). New alerts always get new ids, whatever the
 * request says, so two alerts never share one. Throws PUSH_QUEUE_ALERTS, DUPLICATE_ALERT when a
 * new alert repeats a stored one (repeats inside the request are accepted, as the Ruby tests
 * add five identical alerts at once), INVALID_ARGUMENT past 5 alerts or for a bad alert.
 */
export function withAddedAlerts(queueName: string, current: Queue | undefined, requested: AlertInput[]): QueueSettings {
  if (current && current.type !== 'pull') throw new EngineError('PUSH_QUEUE_ALERTS');
  const existing = current?.alerts ?? [];
  const added = requested.filter((alert) => !isEmptyInput(alert)).map(({ id: _ignored, ...alert }) => alert);
  if (added.some((alert) => existing.some((stored) => isSameKind(alert, stored)))) {
    throw new EngineError('DUPLICATE_ALERT');
  }
  return applyQueuePatch(queueName, current, { alerts: [...existing, ...added] });
}

/**
 * Settings whose alert list is exactly `requested` (PUT /alerts, and `alerts` in a queue PUT or
 * PATCH); an alert that names a stored id keeps it. Throws like applyQueuePatch.
 */
export function withReplacedAlerts(queueName: string, current: Queue | undefined, requested: AlertInput[]): QueueSettings {
  return applyQueuePatch(queueName, current, { alerts: requested });
}

/**
 * Settings with the alert `id` changed to `changed`, keeping its id and place (the HUD's edit).
 * Throws ALERT_NOT_FOUND, DUPLICATE_ALERT when it would repeat another alert, and like applyQueuePatch.
 */
export function withUpdatedAlert(queueName: string, current: Queue, id: string, changed: AlertInput): QueueSettings {
  if (!current.alerts.some((alert) => alert.id === id)) throw new EngineError('ALERT_NOT_FOUND');
  if (current.type !== 'pull') throw new EngineError('PUSH_QUEUE_ALERTS');
  if (current.alerts.some((alert) => alert.id !== id && isSameKind(alert, changed))) throw new EngineError('DUPLICATE_ALERT');
  return applyQueuePatch(queueName, current, { alerts: current.alerts.map((alert) => (alert.id === id ? { ...changed, id } : alert)) });
}

/**
 * Settings without the alerts named by `ids`, or without any when `ids` is undefined. All or
 * none: an id the queue does not have is ALERT_NOT_FOUND and removes nothing.
 */
export function withoutAlerts(queueName: string, current: Queue | undefined, ids: string[] | undefined): QueueSettings {
  const stored = current?.alerts ?? [];
  const missing = ids?.find((id) => !stored.some((alert) => alert.id === id));
  if (missing !== undefined) throw new EngineError('ALERT_NOT_FOUND');
  const removed = new Set(ids ?? stored.map((alert) => alert.id));
  return applyQueuePatch(queueName, current, { alerts: stored.filter((alert) => !removed.has(alert.id)) });
}

/** The queues that progressive alerts of this list post to: the edges a cycle would run along. */
export function progressiveTargets(alerts: ReadonlyArray<AlertInput | Alert>): string[] {
  return alerts.filter((alert) => alert.type === 'progressive').map((alert) => alert.queue);
}

/**
 * Throws INVALID_ARGUMENT when giving `queueName` these alerts would close a loop of progressive
 * alerts (Q1 → Q2 → … → Q1, §2.8): every firing posts to the next queue, so with trigger 1 such
 * a loop feeds itself for ever. `loadAlerts` reads another queue's stored alerts ([] when it
 * does not exist). A progressive alert on its own queue is left to applyQueuePatch's own check.
 */
export async function checkProgressiveCycle(
  queueName: string,
  alerts: ReadonlyArray<AlertInput | Alert>,
  loadAlerts: (name: string) => Promise<Alert[]>,
): Promise<void> {
  const visited = new Set<string>([queueName]);
  const pending = progressiveTargets(alerts).map((target) => ({ name: target, via: target }));
  while (pending.length > 0) {
    const { name, via } = pending.pop()!;
    if (visited.has(name)) continue;
    visited.add(name);
    for (const next of progressiveTargets(await loadAlerts(name))) {
      if (next === queueName) {
        throw invalidArgument(`A progressive alert to ${via} would form a cycle of progressive alerts back to ${queueName}`);
      }
      pending.push({ name: next, via });
    }
  }
}
