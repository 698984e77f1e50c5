// The auth layer's closed catalogue of failures. Callers (HUD actions, bootstrap) map a code to
// a message or status in one place; stores throw only these for foreseeable mistakes.

export const AUTH_ERROR_CODES = [
  /** A project id is not 24 lowercase hex characters. */
  'INVALID_PROJECT_ID',
  /** An email, password, name or token secret breaks a rule; the message says which. */
  'INVALID_ARGUMENT',
  'PROJECT_EXISTS',
  'PROJECT_NOT_FOUND',
  'USER_EXISTS',
  'USER_NOT_FOUND',
  /** A token with the same secret already exists (possible only with a caller-chosen secret). */
  'TOKEN_EXISTS',
] as const;

export type AuthErrorCode = (typeof AUTH_ERROR_CODES)[number];

export class AuthError extends Error {
  readonly code: AuthErrorCode;

  constructor(code: AuthErrorCode, message: string) {
    super(message);
    this.name = 'AuthError';
    this.code = code;
  }
}
