// next-auth for the HUD: email + password checked against the auth store, a JWT session cookie
// carrying the user id and admin flag, and a backoff on repeated failures per email and address.
import type { NextAuthOptions, User } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { normalizeEmail } from '../auth/rules';
import { getRuntimeOrThrow } from '../runtime-access';
import { createRateLimitedLog } from './rate-limited-log';
import { SignInThrottle } from './sign-in-throttle';

/** A HUD session lasts a working week; signing out ends it at once in this browser. */
const SESSION_MAX_AGE_S = 7 * 24 * 60 * 60;

/**
 * One per process: the Next route that signs in is the only caller. Failures count per email and
 * client address (a person's typos), and per email alone with more slack, so guessing one
 * account's password from many addresses is slowed down too.
 */
const throttle = new SignInThrottle();
const ACCOUNT_FREE_FAILURES = 10;

/**
 * The client's address: lib/server.ts has replaced X-Forwarded-For with the socket's address, or
 * with what a trusted proxy reported (lib/forwarded-headers.ts), so a client cannot choose it.
 */
function clientAddress(headers: Record<string, string | string[] | undefined> | undefined): string {
  const forwarded = headers?.['x-forwarded-for'];
  return (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.trim() || 'unknown';
}

export class TooManySignInsError extends Error {
  constructor(retryAfterMs: number) {
    super(`Too many failed sign-ins. Try again in ${Math.ceil(retryAfterMs / 1000)} s.`);
  }
}

async function authorize(
  credentials: Record<'email' | 'password', string> | undefined,
  request: { headers?: Record<string, string | string[] | undefined> },
): Promise<User | null> {
  const email = normalizeEmail(credentials?.email ?? '');
  const keys = [`client:${email}|${clientAddress(request.headers)}`, `account:${email}`];
  const retryAfterMs = Math.max(throttle.retryAfterMs(keys[0]), throttle.retryAfterMs(keys[1], ACCOUNT_FREE_FAILURES));
  // Thrown, not returned: next-auth passes the message to the sign-in form as the error.
  if (retryAfterMs > 0) throw new TooManySignInsError(retryAfterMs);
  const user = await getRuntimeOrThrow().auth.verifyPassword(email, credentials?.password ?? '');
  if (!user) {
    for (const key of keys) throttle.recordFailure(key);
    return null;
  }
  for (const key of keys) throttle.recordSuccess(key);
  return { id: user.id, email: user.email, isAdmin: user.isAdmin };
}

/**
 * next-auth's own logging prints a stack trace for every cookie it cannot decrypt; anyone can
 * send such cookies, so each kind of failure gets one short line a minute at most.
 */
const authLog = createRateLimitedLog((line) => console.error(`[ferro] hud: ${line}`));
const logger: NextAuthOptions['logger'] = {
  error(code, metadata) {
    const detail = metadata instanceof Error ? metadata.message : (metadata as { message?: string } | undefined)?.message;
    authLog(code, code === 'JWT_SESSION_ERROR' ? 'rejected a session cookie that does not decrypt' : `sign-in error ${code}${detail ? `: ${detail}` : ''}`);
  },
  warn(code) {
    authLog(code, `sign-in warning ${code}`);
  },
  debug() {},
};

/** The secret comes from process.env at request time (lib/auth/nextauth-secret.ts sets it at start). */
export const authOptions: NextAuthOptions = {
  logger,
  session: { strategy: 'jwt', maxAge: SESSION_MAX_AGE_S },
  pages: { signIn: '/login' },
  providers: [
    CredentialsProvider({
      id: 'credentials',
      name: 'Email and password',
      credentials: { email: { label: 'Email', type: 'email' }, password: { label: 'Password', type: 'password' } },
      authorize,
    }),
  ],
  callbacks: {
    jwt({ token, user }) {
      if (user) token.isAdmin = user.isAdmin;
      return token;
    },
    session({ session, token }) {
      session.user = { id: token.sub ?? '', email: token.email ?? '', isAdmin: token.isAdmin ?? false };
      return session;
    },
  },
};
