// The wire API's field reader (lib/json-fields.ts with its rules): a known field of the wrong type
// is a 400 (§1.4), unknown fields are never looked at (§0.7), and `null` means absent because
// clients send it for fields they leave unset (§0.13). Units are not this file's business:
// seconds become milliseconds in wire.ts and wire-v1.ts only.
import { fieldReader, invalidUnicodePath, isObject, mayHoldSurrogate, type JsonObject } from '../json-fields';
import { badRequest } from './errors';

export { isObject, type JsonObject };

const read = fieldReader({ toError: badRequest, isNullAbsent: true });

export const optionalObject = read.object;
export const optionalArray = read.array;
export const optionalString = read.string;
export const optionalBoolean = read.boolean;
export const optionalInteger = read.integer;
export const optionalStringMap = read.stringMap;

/** Rejects invalid UTF-8 instead of storing U+FFFD in place of the caller's bytes. */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Parses a request body: empty means `{}` (§0.6); anything but a JSON object is a 400. */
export function parseJsonObject(raw: Buffer): JsonObject {
  if (raw.length === 0 || raw.every((byte) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09)) {
    return {};
  }
  let text: string;
  let value: unknown;
  try {
    text = strictUtf8.decode(raw);
    value = JSON.parse(text);
  } catch {
    throw badRequest('Invalid JSON: the body must be UTF-8 encoded JSON');
  }
  if (!isObject(value)) throw badRequest('Request body must be a JSON object');
  const invalidAt = mayHoldSurrogate(text) ? invalidUnicodePath(value) : undefined;
  if (invalidAt) throw badRequest(`Invalid Unicode (a lone surrogate) in ${invalidAt}`);
  return value;
}

/** A raw body as text, refusing invalid UTF-8 rather than storing U+FFFD in its place. */
export function decodeUtf8(raw: Buffer): string {
  try {
    return strictUtf8.decode(raw);
  } catch {
    throw badRequest('The body must be UTF-8 encoded text');
  }
}

/** A base-10 integer query parameter (§1.4); empty or absent means undefined. */
export function queryInteger(query: URLSearchParams, key: string): number | undefined {
  const raw = query.get(key);
  if (raw === null || raw === '') return undefined;
  if (!/^-?\d{1,15}$/.test(raw)) throw badRequest(`${key} must be an integer`);
  return Number(raw);
}
