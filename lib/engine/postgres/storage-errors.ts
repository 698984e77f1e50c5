// PostgreSQL failures that mean "the database cannot take this now" — the connection refused, lost
// or timed out, the server shutting down or in recovery, a read-only replica after a failover, a
// full disk, too many connections — as the engine's STORAGE_UNAVAILABLE, so clients get a 503 they
// retry instead of a 500. Anything else (a constraint, a bug in a statement) passes through.
import { EngineError } from '../errors';

/** SQLSTATE classes and codes of an unavailable database (PostgreSQL appendix A). */
const UNAVAILABLE_SQLSTATE = /^(08...|53...|57P0[1-4]|58...|25006|XX001|XX002)$/;
/** Node's socket errors, and node-postgres's own words for a lost or refused connection. */
const UNAVAILABLE_NODE_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
const UNAVAILABLE_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Client has encountered a connection error|connection is closed|Cannot use a pool after calling end/i;

export function isPostgresUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (UNAVAILABLE_SQLSTATE.test(code) || UNAVAILABLE_NODE_CODES.has(code))) return true;
  return UNAVAILABLE_MESSAGES.test(error.message);
}

/**
 * The engine's error for an unavailable database, or the error itself. `isCommitUncertain` is set
 * when the connection failed while COMMIT was in flight: the change may have been made, and the
 * message says so rather than promise that nothing changed.
 */
export function asPostgresStorageError(error: unknown, isCommitUncertain = false, isConnecting = false): unknown {
  // Not getting a connection at all (refused, not accepting connections, bad credentials) is
  // always "unavailable": nothing was sent, so nothing was changed.
  if (!isConnecting && !isPostgresUnavailable(error)) return error;
  const code = String((error as { code?: unknown }).code ?? 'connection lost');
  const outcome = isCommitUncertain ? 'the change may or may not have been made' : 'nothing was changed';
  return new EngineError('STORAGE_UNAVAILABLE', `Storage is unavailable (PostgreSQL: ${code}): ${outcome}; try again later`);
}
