// The engine's closed catalogue of failures. lib/ironmq/errors.ts is the only place that turns
// a code into an HTTP status and a `{"msg": ...}` body; the engine never thinks in HTTP.

export const ENGINE_ERROR_CODES = [
  'QUEUE_NOT_FOUND',
  'MESSAGE_NOT_FOUND',
  'ALERT_NOT_FOUND',
  /** The caller's reservation id is missing, wrong or expired. */
  'RESERVATION_MISMATCH',
  /** An argument is out of range or malformed; the error's message says which and why. */
  'INVALID_ARGUMENT',
  /** A queue's type is fixed at creation (§2.2). */
  'QUEUE_TYPE_IMMUTABLE',
  /** The operation needs a pull queue (reserve, peek, dead letter, alerts). */
  'NOT_A_PULL_QUEUE',
  /** The operation needs a push queue (subscribers). */
  'NOT_A_PUSH_QUEUE',
  'PUSH_QUEUE_ALERTS',
  'DUPLICATE_ALERT',
  /** A create that must not overwrite found the queue already there (the HUD's create). */
  'QUEUE_EXISTS',
  /** The disk is full or failing: the change was not applied, and trying later may succeed. */
  'STORAGE_UNAVAILABLE',
] as const;

export type EngineErrorCode = (typeof ENGINE_ERROR_CODES)[number];

export class EngineError extends Error {
  readonly code: EngineErrorCode;

  /** `detail` replaces the default text where the code alone does not say enough. */
  constructor(code: EngineErrorCode, detail?: string) {
    super(detail ?? code);
    this.name = 'EngineError';
    this.code = code;
  }

  get detail(): string | undefined {
    return this.message === this.code ? undefined : this.message;
  }
}

export function invalidArgument(detail: string): EngineError {
  return new EngineError('INVALID_ARGUMENT', detail);
}
