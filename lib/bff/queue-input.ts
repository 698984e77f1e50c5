// The HUD's queue settings form, as JSON, into the engine's QueuePatch. Only types are checked
// here; ranges (timeouts, expiration, max reservations) are the engine's rules and its errors.
import type { QueuePatch } from '../engine/types';
import { BffError } from './errors';
import { optionalInteger, optionalString, requiredString, type JsonObject } from './parse';

/** `null` removes the policy; an object sets it; absent keeps it. */
function optionalDeadLetter(body: JsonObject): QueuePatch['deadLetter'] {
  const value = body.deadLetter;
  if (value === undefined || value === null) return value;
  if (typeof value !== 'object' || Array.isArray(value)) throw new BffError('BAD_REQUEST', 'deadLetter must be an object or null');
  const policy = value as JsonObject;
  return { queueName: requiredString(policy, 'queueName'), maxReservations: optionalInteger(policy, 'maxReservations') };
}

/** Subscribers of a push queue from a list of URLs, named by position. */
function optionalPush(body: JsonObject): QueuePatch['push'] {
  const urls = body.subscriberUrls;
  if (urls === undefined) return undefined;
  if (!Array.isArray(urls) || urls.some((url) => typeof url !== 'string')) {
    throw new BffError('BAD_REQUEST', 'subscriberUrls must be a list of URLs');
  }
  return { subscribers: urls.map((url, i) => ({ name: `subscriber-${i + 1}`, url: String(url), headers: {} })) };
}

export function queuePatchFromBody(body: JsonObject): QueuePatch {
  const patch: QueuePatch = {
    // The engine checks the type against its list of types.
    type: optionalString(body, 'type'),
    messageTimeoutMs: optionalInteger(body, 'messageTimeoutMs'),
    messageExpirationMs: optionalInteger(body, 'messageExpirationMs'),
    deadLetter: optionalDeadLetter(body),
    push: optionalPush(body),
  };
  // Absent keys must stay absent: the engine reads `in`-style presence as "change this".
  return Object.fromEntries(Object.entries(patch).filter(([, value]) => value !== undefined)) as QueuePatch;
}
