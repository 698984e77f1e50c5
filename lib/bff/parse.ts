// Input rules at the BFF boundary: the JSON body and each field's type, read by the field reader
// both HTTP boundaries share (lib/json-fields.ts) with the BFF's rules: `null` is a wrong type,
// never a default. Ranges and business rules stay with the engine and the auth store, which name
// the broken rule in their errors.
import { fieldReader, invalidUnicodePath, isObject, type JsonObject } from '../json-fields';
import { BffError } from './errors';

export type { JsonObject };

function badRequest(detail: string): BffError {
  return new BffError('BAD_REQUEST', detail);
}

/** Refuses invalid UTF-8: request.json() would quietly store U+FFFD in place of the bytes sent. */
const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export async function readJsonObject(request: Request): Promise<JsonObject> {
  let value: unknown;
  try {
    value = JSON.parse(strictUtf8.decode(await request.arrayBuffer()));
  } catch {
    throw badRequest('The request body must be JSON in UTF-8');
  }
  if (!isObject(value)) throw badRequest('The request body must be a JSON object');
  const invalidAt = invalidUnicodePath(value);
  if (invalidAt) throw badRequest(`Invalid Unicode (a lone surrogate) in ${invalidAt}`);
  return value;
}

const read = fieldReader({ toError: badRequest, isNullAbsent: false });

export const requiredString = read.requiredString;
export const optionalString = read.string;
export const optionalInteger = read.integer;
export const optionalArray = read.array;
export const optionalStringMap = read.stringMap;
export const optionalObject = read.object;
export const optionalBoolean = read.boolean;

/** A search parameter that must be a non-negative integer when present. */
export function queryInteger(url: URL, key: string, fallback: number): number {
  const raw = url.searchParams.get(key);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isSafeInteger(value) || value < 0) throw badRequest(`${key} must be a non-negative integer`);
  return value;
}

/**
 * Destructive calls name what they destroy in their JSON body (`action` says which call, for the
 * message). A URL that a parser normalised or truncated onto another route — `…/queues/..` onto
 * the project, `…/messages/.` onto the clear — then fails here instead of destroying the wrong thing.
 */
export async function assertBodyNames(request: Request, key: string, expected: string, action: string): Promise<void> {
  let body: JsonObject;
  try {
    body = await readJsonObject(request);
  } catch {
    body = {};
  }
  if (body[key] !== expected) throw badRequest(`${action} needs {"${key}": …} in the body, naming exactly what it destroys`);
}
