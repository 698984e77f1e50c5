// API token secrets: generated random and URL-safe like IronMQ's 27-character tokens, and stored
// only as SHA-256 hashes so a copy of auth.db does not open any project.
import { hash, randomBytes, timingSafeEqual } from 'node:crypto';
import { AuthError } from './errors';

/** 20 random bytes (160 bits) encode to exactly 27 base64url characters. */
const SECRET_BYTES = 20;
/**
 * Caller-chosen secrets (FERRO_TOKEN) travel in `Authorization: OAuth <t>` and in `?oauth=<t>`, so
 * they are limited to URL-unreserved characters; 8 characters is the least worth calling a secret.
 */
const SECRET_PATTERN = /^[A-Za-z0-9._~-]{8,256}$/;
/** How many trailing characters of a secret are kept in clear to tell tokens apart. */
const HINT_CHARS = 4;

export function generateTokenSecret(): string {
  return randomBytes(SECRET_BYTES).toString('base64url');
}

/** Returns `secret` unchanged, or throws naming the rule it breaks. */
export function assertValidTokenSecret(secret: string): string {
  if (!SECRET_PATTERN.test(secret)) {
    throw new AuthError(
      'INVALID_ARGUMENT',
      'Invalid token: it must be 8 to 256 characters from A-Z a-z 0-9 . _ ~ -',
    );
  }
  return secret;
}

/**
 * The 32-byte SHA-256 of a secret: a fast hash suffices because secrets are random, not chosen
 * words. The one-shot form: every wire request hashes its token, and a Hash object each time cost more.
 */
export function hashTokenSecret(secret: string): Buffer {
  return hash('sha256', secret, 'buffer');
}

/** Constant-time equality of two token hashes; false on any length mismatch. */
export function isSameTokenHash(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

export function tokenHint(secret: string): string {
  return secret.slice(-HINT_CHARS);
}
