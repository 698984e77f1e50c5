// SQLite failures that mean "the disk cannot take this now" (full, I/O error, read-only, locked
// by another process), as the engine's STORAGE_UNAVAILABLE: callers answer 503, which clients
// retry, instead of a 500; nothing of the failed transaction was applied. Anything else is a bug
// and passes through unchanged.
import { EngineError } from '../errors';

const STORAGE_CODES = /^SQLITE_(FULL|IOERR|CANTOPEN|READONLY|BUSY|LOCKED|NOMEM)/;

export function isStorageFailure(error: unknown): boolean {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' && STORAGE_CODES.test(code);
}

/** The engine's error for a storage failure, or the error itself when it is something else. */
export function asStorageError(error: unknown): unknown {
  if (!isStorageFailure(error)) return error;
  const code = (error as { code: string }).code;
  return new EngineError('STORAGE_UNAVAILABLE', `Storage is unavailable (${code}): nothing was changed; try again later`);
}
