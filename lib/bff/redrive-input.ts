// A redrive as the HUD's form sends it, into the engine's RedriveRequest. Only types are checked
// here; limits (rate, selection size, body size, a target other than the source) are the engine's.
import type { RedriveRequest } from '../engine/redrive';
import { BffError } from './errors';
import { optionalArray, optionalBoolean, optionalInteger, optionalStringMap, requiredString, type JsonObject } from './parse';

export function redriveRequestFromBody(body: JsonObject): RedriveRequest {
  const ids = optionalArray(body, 'messageIds');
  if (ids?.some((id) => typeof id !== 'string')) throw new BffError('BAD_REQUEST', 'messageIds must be a list of message ids');
  const ratePerSecond = optionalInteger(body, 'ratePerSecond');
  if (ratePerSecond === undefined) throw new BffError('BAD_REQUEST', 'ratePerSecond must be an integer');
  return {
    targetQueue: requiredString(body, 'targetQueue'),
    ...(ids ? { messageIds: ids as string[] } : {}),
    bodies: optionalStringMap(body, 'bodies') ?? {},
    ratePerSecond,
    isErrorReport: optionalBoolean(body, 'isErrorReport') ?? false,
  };
}
