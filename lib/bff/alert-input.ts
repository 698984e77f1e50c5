// An alert as the HUD's form sends it, into the engine's AlertInput, with the wire API's texts for
// the same mistakes (§2.8). The engine's rules (at most 5, duplicates, push queues, cycles) and
// their texts follow when the alert is saved.
import type { AlertInput } from '../engine/alerts';
import { BffError } from './errors';
import { optionalInteger, optionalObject, optionalString, type JsonObject } from './parse';

const bad = (detail: string) => new BffError('BAD_REQUEST', detail);

export function alertFromBody(body: JsonObject): AlertInput {
  const alert = optionalObject(body, 'alert');
  if (!alert) throw bad('alert must be an object');
  const type = optionalString(alert, 'type');
  if (type !== 'fixed' && type !== 'progressive') throw bad('Alert type must be fixed or progressive');
  const direction = optionalString(alert, 'direction') ?? 'asc';
  if (direction !== 'asc' && direction !== 'desc') throw bad('Alert direction must be asc or desc');
  const trigger = optionalInteger(alert, 'trigger');
  if (trigger === undefined || trigger < 1) throw bad('Alert trigger must be an integer greater than 0');
  const queue = optionalString(alert, 'queue');
  if (!queue) throw bad('Alert queue is required');
  const snoozeMs = optionalInteger(alert, 'snoozeMs') ?? 0;
  if (snoozeMs < 0) throw bad('snooze must not be negative');
  return { type, direction, trigger, queue, snoozeMs };
}
