// Input rules at the BFF boundary: the JSON body and each field's type, read by the field reader
// both HTTP boundaries share (lib/json-fields.ts) with the BFF's rules: `null` is a wrong type,
// never a default. Ranges and business rules stay with the engine and the auth store, which name
// the broken rule in their errors.
import { fieldReader, isObject, type JsonObject } from '../json-fields';
import { BffError } from './errors';

export type { JsonObject };

function badRequest(detail: string): BffError {
  return new BffError('BAD_REQUEST', detail);
}

export async function readJsonObject(request: Request): Promise<JsonObject> {
  let value: unknown;
  try {
    value = await request.json();
  } catch {
    throw badRequest('The request body must be JSON');
  }
  if (!isObject(value)) throw badRequest('The request body must be a JSON object');
  return value;
}

const read = fieldReader({ toError: badRequest, isNullAbsent: false });

export const requiredString = read.requiredString;
export const optionalString = read.string;
export const optionalInteger = read.integer;
export const optionalArray = read.array;
export const optionalStringMap = read.stringMap;

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
