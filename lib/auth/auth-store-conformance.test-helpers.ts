// Shared pieces of the AuthStore conformance suite: the per-test context with its manual clock,
// unique emails, ids and secrets, and the error assertion, so each part reads as the rule it checks.
import { randomBytes } from 'node:crypto';
import { expect } from 'vitest';
import type { AuthStore } from './auth-store';
import { AuthError, type AuthErrorCode } from './errors';

export interface AuthConformanceContext {
  /** The store under test; each test gets one freshly opened over the same data. */
  store(): AuthStore;
  /** Closes the store and opens another over the same data, as a restart would. */
  reopen(): Promise<AuthStore>;
  /** Opens a second store over the same data while the first stays open, as another server instance would. */
  openAnother(): Promise<AuthStore>;
  /** The instant every store of the test reads as now (epoch ms); starts at T0 in each test. */
  nowMs(): number;
  /** Moves every store's clock forward by `ms`. */
  advance(ms: number): void;
}

/** The instant each test starts at (epoch ms). */
export const T0 = Date.UTC(2026, 0, 1);
/** The interface promises a `lastUsedAtMs` write at most once a minute per token. */
export const MINUTE_MS = 60_000;
/** Users, projects and tokens are all identified this way. */
export const ID_24_HEX = /^[0-9a-f]{24}$/;
/** A generated secret: 20 random bytes as base64url (tokens.ts). */
export const GENERATED_SECRET = /^[A-Za-z0-9_-]{27}$/;
/** A password that passes the rules, for tests about something else. */
export const PASSWORD = 'correct horse battery';

/** Data outlives a test (and, for a server database, a run), so every email, id and secret is fresh. */
export function randomHex(bytes: number): string {
  return randomBytes(bytes).toString('hex');
}

/** A 24-hex id no other test uses. */
export function newId(): string {
  return randomHex(12);
}

/** An email no other test uses, on a host without a dot (`admin@localhost` style). */
export function uniqueEmail(label = 'user'): string {
  return `${label}-${randomHex(6)}@localhost`;
}

const SECRET_ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789._~-';

/** A caller-chosen secret (FERRO_TOKEN) of `length` characters drawn from the whole allowed alphabet. */
export function uniqueSecret(length = 32): string {
  return [...randomBytes(length)].map((byte) => SECRET_ALPHABET[byte % SECRET_ALPHABET.length]).join('');
}

/** Asserts that `run` fails with an AuthError of `code`, whether it throws or rejects. */
export async function expectAuthError(run: () => unknown, code: AuthErrorCode): Promise<void> {
  const error = await Promise.resolve()
    .then(run)
    .then(
      () => undefined,
      (caught: unknown) => caught,
    );
  // Callers map errors by class and code (HUD actions, bootstrap), so both are the contract.
  expect(error).toBeInstanceOf(AuthError);
  expect(error).toMatchObject({ code });
}

/** Keeps only the entries this test created, in the order the store returned them. */
export function onlyThese<T extends { id: string }>(entries: T[], mine: Array<{ id: string }>): T[] {
  const ids = new Set(mine.map((entry) => entry.id));
  return entries.filter((entry) => ids.has(entry.id));
}

/** A project with one generated token, the usual starting point of a token test. */
export async function projectWithToken(store: AuthStore, name = 'Orders') {
  const project = await store.createProject({ name });
  const created = await store.createToken(project.id, 'ci');
  return { project, ...created };
}
