// next-auth for the HUD: email + password checked against the auth store, a JWT session cookie
// carrying the user id and admin flag, and a backoff on repeated failures per email and address.
import type { NextAuthOptions, User } from 'next-auth';
import CredentialsProvider from 'next-auth/providers/credentials';
import { normalizeEmail } from '../auth/rules';
import { getRuntimeOrThrow } from '../runtime';
import { SignInThrottle } from './sign-in-throttle';

/** A HUD session lasts a working week; signing out ends it at once in this browser. */
const SESSION_MAX_AGE_S = 7 * 24 * 60 * 60;

/** One per process: the Next route that signs in is the only caller. */
const throttle = new SignInThrottle();

/** Next fills x-forwarded-for from the socket when no proxy set it. */
function clientAddress(headers: Record<string, string | string[] | undefined> | undefined): string {
  const forwarded = headers?.['x-forwarded-for'];
  const first = (Array.isArray(forwarded) ? forwarded[0] : forwarded)?.split(',')[0]?.trim();
  return first || 'unknown';
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
  const key = `${email}|${clientAddress(request.headers)}`;
  const retryAfterMs = throttle.retryAfterMs(key);
  // Thrown, not returned: next-auth passes the message to the sign-in form as the error.
  if (retryAfterMs > 0) throw new TooManySignInsError(retryAfterMs);
  const user = await getRuntimeOrThrow().auth.verifyPassword(email, credentials?.password ?? '');
  if (!user) {
    throttle.recordFailure(key);
    return null;
  }
  throttle.recordSuccess(key);
  return { id: user.id, email: user.email, isAdmin: user.isAdmin };
}

/** The secret comes from process.env at request time (lib/auth/nextauth-secret.ts sets it at start). */
export const authOptions: NextAuthOptions = {
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
