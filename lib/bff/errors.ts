// The one table from failures to the HUD BFF's replies: BFF, engine and auth-store error codes
// become an HTTP status and a `{code, msg}` body here and nowhere else. The table is typed by the
// closed code lists, so a new code does not compile until it has a reply here.
import type { AuthErrorCode } from '../auth/errors';
import type { EngineErrorCode } from '../engine/errors';
import { isStorageFailure } from '../engine/sqlite/storage-errors';
import type { BffErrorBody } from '../hud/types';

/** Failures the BFF itself raises before or around the engine call. */
export const BFF_ERROR_CODES = [
  /** No valid HUD session cookie. */
  'UNAUTHENTICATED',
  /** A state-changing request whose Origin is not this server (CSRF). */
  'CROSS_ORIGIN',
  /** Malformed JSON or a field of the wrong type; the message says which. */
  'BAD_REQUEST',
  /** The project does not exist or the signed-in user may not see it (indistinguishable on purpose). */
  'PROJECT_NOT_FOUND',
  'TOKEN_NOT_FOUND',
  /** Managing users and grants is for admins; anyone else gets this, whatever the target. */
  'ADMIN_ONLY',
  /** No redrive job of that id out of that queue. */
  'REDRIVE_NOT_FOUND',
] as const;

export type BffErrorCode = (typeof BFF_ERROR_CODES)[number];

export class BffError extends Error {
  constructor(
    readonly code: BffErrorCode,
    detail?: string,
  ) {
    super(detail ?? code);
    this.name = 'BffError';
  }
}

interface Reply {
  status: number;
  msg: string;
}

/**
 * Where a status differs from the wire API's for the same code, it is because a person reads it,
 * not a client library: a stale reservation is a conflict with whoever holds the message now
 * (409; IronMQ clients expect 403), and a type change is a mistake in the form (400; the wire
 * API keeps IronMQ's 403).
 */
const REPLIES: Record<BffErrorCode | EngineErrorCode | AuthErrorCode, Reply> = {
  UNAUTHENTICATED: { status: 401, msg: 'Sign in to continue' },
  CROSS_ORIGIN: { status: 403, msg: 'Cross-origin request refused' },
  BAD_REQUEST: { status: 400, msg: 'Bad request' },
  PROJECT_NOT_FOUND: { status: 404, msg: 'Project not found' },
  ADMIN_ONLY: { status: 403, msg: 'Only admins can manage users' },
  TOKEN_NOT_FOUND: { status: 404, msg: 'Token not found' },
  REDRIVE_NOT_FOUND: { status: 404, msg: 'Redrive not found' },
  // Engine codes (lib/engine/errors.ts).
  QUEUE_EXISTS: { status: 409, msg: 'A queue with this name already exists' },
  STORAGE_UNAVAILABLE: { status: 503, msg: 'The server cannot write to its storage right now; nothing was changed' },
  QUEUE_NOT_FOUND: { status: 404, msg: 'Queue not found' },
  MESSAGE_NOT_FOUND: { status: 404, msg: 'Message not found' },
  ALERT_NOT_FOUND: { status: 404, msg: 'Alert not found' },
  RESERVATION_MISMATCH: { status: 409, msg: 'The message is no longer reserved' },
  INVALID_ARGUMENT: { status: 400, msg: 'Invalid argument' },
  QUEUE_TYPE_IMMUTABLE: { status: 400, msg: 'Queue type cannot be changed' },
  NOT_A_PULL_QUEUE: { status: 400, msg: 'This operation is only supported on pull queues' },
  NOT_A_PUSH_QUEUE: { status: 400, msg: 'This operation is only supported on push queues' },
  PUSH_QUEUE_ALERTS: { status: 400, msg: 'Push queues do not support alerts' },
  DUPLICATE_ALERT: { status: 400, msg: 'An alert duplicates an existing one' },
  // Auth-store codes (lib/auth/errors.ts).
  INVALID_PROJECT_ID: { status: 400, msg: 'Invalid project id' },
  PROJECT_EXISTS: { status: 409, msg: 'A project with this id already exists' },
  USER_EXISTS: { status: 409, msg: 'A user with this email already exists' },
  USER_NOT_FOUND: { status: 404, msg: 'User not found' },
  TOKEN_EXISTS: { status: 409, msg: 'A token with this secret already exists' },
};

/** Error classes this reply table knows, by name and not instanceof: the engine's classes come
 * from the server bundle (dist/server.js) and Next bundles its own copies of the same files. */
const KNOWN_ERROR_NAMES = new Set(['BffError', 'EngineError', 'AuthError']);

function knownCode(error: unknown): keyof typeof REPLIES | undefined {
  if (!(error instanceof Error) || !KNOWN_ERROR_NAMES.has(error.name)) return undefined;
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code in REPLIES ? (code as keyof typeof REPLIES) : undefined;
}

/** Maps any thrown value to a reply; anything unknown is a bug: logged, answered with a fixed 500. */
export function toBffReply(error: unknown): { status: number; body: BffErrorBody } {
  // The auth and stats stores write without the engine: their disk failures are as retryable.
  const code = isStorageFailure(error) ? 'STORAGE_UNAVAILABLE' : knownCode(error);
  if (code) {
    const detail = isStorageFailure(error) ? undefined : (error as Error).message;
    return { status: REPLIES[code].status, body: { code, msg: detail && detail !== code ? detail : REPLIES[code].msg } };
  }
  console.error(`[ferro] hud: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return { status: 500, body: { code: 'INTERNAL', msg: 'Internal server error' } };
}
