// Push settings and subscribers as the HUD's forms send them, into the engine's shapes. Only
// types are checked here; the rules (URL schemes, framing headers, duplicate names, loops,
// retries and retries_delay ranges) are the engine's, and its 400 texts reach the form as they are.
import type { PushSettings, Subscriber } from '../engine/types';
import { BffError } from './errors';
import { optionalInteger, optionalObject, optionalString, optionalStringMap, requiredString, type JsonObject } from './parse';

export function subscriberFromJson(value: unknown, label = 'subscriber'): Subscriber {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw new BffError('BAD_REQUEST', `${label} must be an object`);
  const item = value as JsonObject;
  return { name: optionalString(item, 'name') ?? '', url: requiredString(item, 'url'), headers: optionalStringMap(item, 'headers') ?? {} };
}

/** `push` of a create or settings form: absent fields stay as they are; `subscribers` replaces the list. */
export function pushPatchFromJson(body: JsonObject): Partial<PushSettings> | undefined {
  const push = optionalObject(body, 'push');
  if (push === undefined) return undefined;
  const list = push.subscribers;
  if (list !== undefined && !Array.isArray(list)) throw new BffError('BAD_REQUEST', 'push.subscribers must be a list');
  const patch: Partial<PushSettings> = {
    subscribers: list?.map((item, i) => subscriberFromJson(item, `push.subscribers[${i}]`)),
    retries: optionalInteger(push, 'retries'),
    retriesDelayMs: optionalInteger(push, 'retriesDelayMs'),
    errorQueue: optionalString(push, 'errorQueue'),
  };
  return Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<PushSettings>;
}
