// next-auth's endpoints (sign-in, sign-out, session, CSRF token) for the HUD; options in lib/bff/auth-options.ts.
import NextAuth from 'next-auth';
import { authOptions } from '@/lib/bff/auth-options';

const handler = NextAuth(authOptions);

export { handler as GET, handler as POST };
