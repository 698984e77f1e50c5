// The HUD's queue settings form, as JSON, into the engine's QueuePatch. Only types are checked
// here; ranges (timeouts, expiration, max reservations, push retries) are the engine's rules and
// its errors.
import type { QueuePatch } from '../engine/types';
import { BffError } from './errors';
import { optionalInteger, optionalString, requiredString, type JsonObject } from './parse';
import { pushPatchFromJson } from './subscriber-input';

/** `null` removes the policy; an object sets it; absent keeps it. */
function optionalDeadLetter(body: JsonObject): QueuePatch['deadLetter'] {
  const value = body.deadLetter;
  if (value === undefined || value === null) return value;
  if (typeof value !== 'object' || Array.isArray(value)) throw new BffError('BAD_REQUEST', 'deadLetter must be an object or null');
  const policy = value as JsonObject;
  return { queueName: requiredString(policy, 'queueName'), maxReservations: optionalInteger(policy, 'maxReservations') };
}

export function queuePatchFromBody(body: JsonObject): QueuePatch {
  const patch: QueuePatch = {
    // The engine checks the type against its list of types.
    type: optionalString(body, 'type'),
    messageTimeoutMs: optionalInteger(body, 'messageTimeoutMs'),
    messageExpirationMs: optionalInteger(body, 'messageExpirationMs'),
    deadLetter: optionalDeadLetter(body),
    push: pushPatchFromJson(body),
  };
  // Absent keys must stay absent: the engine reads `in`-style presence as "change this".
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as QueuePatch;
}
