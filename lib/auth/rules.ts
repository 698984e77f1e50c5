// Argument rules for users, projects and tokens, shared by every AuthStore so the SQLite and
// PostgreSQL stores accept and reject exactly the same input.
import { AuthError } from './errors';

/** Shorter passwords fall to online guessing; the HUD listens on all interfaces by default. */
export const MIN_PASSWORD_LENGTH = 8;
/** scrypt hashes any length, but an unbounded body is a cheap way to burn CPU. */
export const MAX_PASSWORD_LENGTH = 1024;
export const MAX_NAME_LENGTH = 100;
export const MAX_EMAIL_LENGTH = 254;
/** Something@something: `admin@localhost` must pass, so no dot is required after the @. */
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+$/;

/** Trimmed and lower-cased, so `Admin@Example.com ` and `admin@example.com` are one user. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Returns the normalized email, or throws INVALID_ARGUMENT. */
export function assertValidEmail(email: string): string {
  const normalized = normalizeEmail(email);
  if (normalized.length > MAX_EMAIL_LENGTH || !EMAIL_PATTERN.test(normalized)) {
    throw new AuthError('INVALID_ARGUMENT', `Invalid email ${JSON.stringify(email)}: expected name@host`);
  }
  return normalized;
}

export function assertValidPassword(password: string): string {
  if (password.length < MIN_PASSWORD_LENGTH || password.length > MAX_PASSWORD_LENGTH) {
    throw new AuthError(
      'INVALID_ARGUMENT',
      `Invalid password: it must be ${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters`,
    );
  }
  return password;
}

/** Returns the trimmed name of a project or token, or throws INVALID_ARGUMENT. */
export function assertValidName(name: string): string {
  const trimmed = name.trim();
  if (trimmed.length === 0 || trimmed.length > MAX_NAME_LENGTH) {
    throw new AuthError('INVALID_ARGUMENT', `Invalid name: it must be 1 to ${MAX_NAME_LENGTH} characters`);
  }
  return trimmed;
}
