// Reading typed fields out of untrusted JSON and query strings. A known field of the wrong type
// is a 400 (§1.4); unknown fields are never looked at (§0.7); zero means "default" where §0.8
// says so, which callers express by asking for `optionalPositiveSeconds`.
import { badRequest } from './errors';

export type JsonObject = Record<string, unknown>;

/** Rejects invalid UTF-8 instead of storing U+FFFD in place of the caller's bytes. */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Parses a request body: empty means `{}` (§0.6); anything but a JSON object is a 400. */
export function parseJsonObject(raw: Buffer): JsonObject {
  if (raw.length === 0 || raw.every((byte) => byte === 0x20 || byte === 0x0a || byte === 0x0d || byte === 0x09)) {
    return {};
  }
  let value: unknown;
  try {
    value = JSON.parse(strictUtf8.decode(raw));
  } catch {
    throw badRequest('Invalid JSON: the body must be UTF-8 encoded JSON');
  }
  if (!isObject(value)) throw badRequest('Request body must be a JSON object');
  return value;
}

export function optionalObject(source: JsonObject, key: string): JsonObject | undefined {
  const value = source[key];
  if (value === undefined || value === null) return undefined;
  if (!isObject(value)) throw badRequest(`${key} must be an object`);
  return value;
}

export function optionalArray(source: JsonObject, key: string): unknown[] | undefined {
  const value = source[key];
  if (value === undefined || value === null) return undefined;
  if (!Array.isArray(value)) throw badRequest(`${key} must be an array`);
  return value;
}

export function optionalString(source: JsonObject, key: string): string | undefined {
  const value = source[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'string') throw badRequest(`${key} must be a string`);
  return value;
}

export function optionalBoolean(source: JsonObject, key: string): boolean | undefined {
  const value = source[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'boolean') throw badRequest(`${key} must be true or false`);
  return value;
}

/** An integer field; numbers that are not integers, or not numbers at all, are a 400. */
export function optionalInteger(source: JsonObject, key: string): number | undefined {
  const value = source[key];
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw badRequest(`${key} must be an integer`);
  return value;
}

/** An integer of seconds as milliseconds, where 0 (or absence) means "use the default" (§0.8). */
export function optionalPositiveSecondsMs(source: JsonObject, key: string): number | undefined {
  const seconds = optionalInteger(source, key);
  if (seconds === undefined || seconds === 0) return undefined;
  if (seconds < 0) throw badRequest(`${key} must not be negative`);
  return seconds * 1000;
}

/** An integer of seconds as milliseconds where 0 is a real value (delays). */
export function optionalSecondsMs(source: JsonObject, key: string): number | undefined {
  const seconds = optionalInteger(source, key);
  if (seconds === undefined) return undefined;
  if (seconds < 0) throw badRequest(`${key} must not be negative`);
  return seconds * 1000;
}

/** A base-10 integer query parameter (§1.4); empty or absent means undefined. */
export function queryInteger(query: URLSearchParams, key: string): number | undefined {
  const raw = query.get(key);
  if (raw === null || raw === '') return undefined;
  if (!/^-?\d{1,15}$/.test(raw)) throw badRequest(`${key} must be an integer`);
  return Number(raw);
}

/** A string→string map such as subscriber headers or push_headers. */
export function optionalStringMap(source: JsonObject, key: string): Record<string, string> | undefined {
  const value = optionalObject(source, key);
  if (value === undefined) return undefined;
  for (const [name, item] of Object.entries(value)) {
    if (typeof item !== 'string') throw badRequest(`${key}.${name} must be a string`);
  }
  return value as Record<string, string>;
}
