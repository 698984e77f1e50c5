// The one table from failures to IronMQ replies: engine error codes and wire-level failures
// become an HTTP status and a `{"msg": ...}` text here and nowhere else. Texts the official
// clients compare verbatim come from docs/api.md (§0.4, §1.3, §1.8, §4.4).
import { EngineError, type EngineErrorCode } from '../engine/errors';
import { asStorageError, isStorageFailure } from '../engine/sqlite/storage-errors';

/** Failures that happen before the engine is called: routing, auth, body parsing. */
export const WIRE_ERROR_CODES = ['UNAUTHORIZED', 'ROUTE_NOT_FOUND', 'METHOD_NOT_ALLOWED', 'BAD_REQUEST'] as const;
export type WireErrorCode = (typeof WIRE_ERROR_CODES)[number];

export class WireError extends Error {
  constructor(
    readonly code: WireErrorCode,
    detail?: string,
  ) {
    super(detail ?? code);
    this.name = 'WireError';
  }
}

export function badRequest(detail: string): WireError {
  return new WireError('BAD_REQUEST', detail);
}

interface ErrorReply {
  status: number;
  /** The msg when the error carries no detail of its own. */
  msg: string;
}

const REPLIES: Record<EngineErrorCode | WireErrorCode, ErrorReply> = {
  QUEUE_NOT_FOUND: { status: 404, msg: 'Queue not found' },
  MESSAGE_NOT_FOUND: { status: 404, msg: 'Message not found' },
  ALERT_NOT_FOUND: { status: 404, msg: 'Alert not found' },
  RESERVATION_MISMATCH: { status: 403, msg: 'Reservation timed out' },
  INVALID_ARGUMENT: { status: 400, msg: 'Invalid argument' },
  QUEUE_TYPE_IMMUTABLE: { status: 403, msg: 'Queue type cannot be changed' },
  NOT_A_PULL_QUEUE: { status: 400, msg: 'This operation is only supported on pull queues' },
  NOT_A_PUSH_QUEUE: { status: 400, msg: 'This operation is only supported on push queues' },
  PUSH_QUEUE_ALERTS: { status: 400, msg: 'Push queues do not support alerts.' },
  DUPLICATE_ALERT: { status: 400, msg: 'At least one new alert duplicates current queue alerts.' },
  // The wire API's create is an upsert (§0.11) and never asks for this; the HUD's create does.
  QUEUE_EXISTS: { status: 409, msg: 'Queue already exists' },
  // Clients retry a 503; the change was not applied, so retrying is safe.
  STORAGE_UNAVAILABLE: { status: 503, msg: 'Storage unavailable: nothing was changed; try again later' },
  UNAUTHORIZED: { status: 401, msg: 'Invalid project/token combination' },
  ROUTE_NOT_FOUND: { status: 404, msg: 'Not found' },
  METHOD_NOT_ALLOWED: { status: 405, msg: 'Method not allowed' },
  BAD_REQUEST: { status: 400, msg: 'Bad request' },
};

/** Maps any thrown value to a reply; an unknown error is a bug, logged, answered with a fixed 500. */
export function toErrorReply(error: unknown, log: (line: string) => void): { status: number; body: { msg: string } } {
  // A storage failure outside the engine's own writes (the auth store's read) is as retryable.
  if (isStorageFailure(error)) error = asStorageError(error);
  if (error instanceof EngineError || error instanceof WireError) {
    const reply = REPLIES[error.code];
    const detail = error.message === error.code ? undefined : error.message;
    return { status: reply.status, body: { msg: detail ?? reply.msg } };
  }
  log(`internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
  return { status: 500, body: { msg: 'Internal server error' } };
}
