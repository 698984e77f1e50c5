// The browser's one way to call the BFF: JSON in, JSON out, and a typed error carrying the BFF's
// `{code, msg}` so screens can show the server's sentence and branch on the code.
import type { BffErrorBody } from './types';

export class HudApiError extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'HudApiError';
  }
}

/** The request never got an answer: the server is down or the network is. Not a 4xx or 5xx. */
export class HudNetworkError extends Error {
  constructor() {
    super('Could not reach the server');
    this.name = 'HudNetworkError';
  }
}

function isErrorBody(value: unknown): value is BffErrorBody {
  return typeof value === 'object' && value !== null && typeof (value as BffErrorBody).msg === 'string';
}

async function send(url: string, init: { method?: string; body?: unknown; signal?: AbortSignal }): Promise<Response> {
  try {
    return await fetch(url, {
      method: init.method ?? 'GET',
      headers: init.body === undefined ? undefined : { 'content-type': 'application/json' },
      body: init.body === undefined ? undefined : JSON.stringify(init.body),
      signal: init.signal,
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch (error) {
    // A cancelled query is not an outage: react-query expects its own abort back.
    if (init.signal?.aborted) throw error;
    throw new HudNetworkError();
  }
}

/**
 * GET by default; a `body` is sent as JSON. Throws HudApiError for any non-2xx reply and
 * HudNetworkError when no reply arrives.
 */
export async function fetchJson<T>(url: string, init: { method?: string; body?: unknown; signal?: AbortSignal } = {}): Promise<T> {
  const response = await send(url, init);
  const payload: unknown = await response.json().catch(() => null);
  if (!response.ok) {
    const body = isErrorBody(payload) ? payload : { code: 'HTTP_ERROR', msg: `Request failed (${response.status})` };
    throw new HudApiError(response.status, body.code, body.msg);
  }
  return payload as T;
}

/** The sentence to show a person for any failure. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  return 'Something went wrong';
}
