// next-auth's endpoints (sign-in, sign-out, session, CSRF token) for the HUD; options in
// lib/bff/auth-options.ts. Its client-side log endpoint (`_log`) is not served: it would let
// anyone write lines into the server's log. A failure inside next-auth answers 400 with a
// `{code, msg}` body like every BFF error, never a bare 500.
import NextAuth from 'next-auth';
import { authOptions } from '@/lib/bff/auth-options';
import { json } from '@/lib/bff/route';

const nextAuth = NextAuth(authOptions);

type Context = { params: Promise<{ nextauth: string[] }> };

async function handler(request: Request, context: Context): Promise<Response> {
  const { nextauth } = await context.params;
  if (nextauth[0] === '_log') return json({ code: 'NOT_FOUND', msg: 'Not found' }, 404);
  try {
    return await nextAuth(request, context);
  } catch (error) {
    return json({ code: 'BAD_REQUEST', msg: `Sign-in request not understood: ${error instanceof Error ? error.message.split('\n')[0] : 'bad request'}` }, 400);
  }
}

export { handler as GET, handler as POST };
