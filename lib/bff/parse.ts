// Input rules at the BFF boundary: the JSON body and each field's type. Ranges and business
// rules stay with the engine and the auth store, which name the broken rule in their errors.
import { BffError } from './errors';

export type JsonObject = Record<string, unknown>;

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
  if (typeof value !== 'object' || value === null || Array.isArray(value)) throw badRequest('The request body must be a JSON object');
  return value as JsonObject;
}

export function requiredString(body: JsonObject, key: string): string {
  const value = body[key];
  if (typeof value !== 'string') throw badRequest(`${key} must be a string`);
  return value;
}

export function optionalString(body: JsonObject, key: string): string | undefined {
  return body[key] === undefined ? undefined : requiredString(body, key);
}

export function optionalInteger(body: JsonObject, key: string): number | undefined {
  const value = body[key];
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isInteger(value)) throw badRequest(`${key} must be an integer`);
  return value;
}

/** A search parameter that must be a non-negative integer when present. */
export function queryInteger(url: URL, key: string, fallback: number): number {
  const raw = url.searchParams.get(key);
  if (raw === null || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < 0) throw badRequest(`${key} must be a non-negative integer`);
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
