// next-auth's endpoints (sign-in, sign-out, session, CSRF token) for the HUD; options in
// lib/bff/auth-options.ts. Its client-side log endpoint (`_log`) is not served: it would let
// anyone write lines into the server's log. A request next-auth cannot serve answers 400 with a
// `{code, msg}` body like every BFF error: next-auth's own answers to those are bare text, and a
// GET of the credentials callback is even a 500.
import NextAuth from 'next-auth';
import { authOptions } from '@/lib/bff/auth-options';
import { json } from '@/lib/bff/route';

const nextAuth = NextAuth(authOptions);

type Context = { params: Promise<{ nextauth: string[] }> };

/** The BFF's 400, with the first line of what next-auth said when it says something readable. */
function notUnderstood(request: Request, action: string[], said: string): Response {
  const firstLine = said.split('\n')[0].replace(/^Error: /, '').slice(0, 200);
  const detail = firstLine && !firstLine.startsWith('[object') ? firstLine : `${request.method} /api/auth/${action.join('/')} is not supported`;
  return json({ code: 'BAD_REQUEST', msg: `Sign-in request not understood: ${detail}` }, 400);
}

async function handler(request: Request, context: Context): Promise<Response> {
  const { nextauth } = await context.params;
  if (nextauth[0] === '_log') return json({ code: 'NOT_FOUND', msg: 'Not found' }, 404);
  try {
    const response = await nextAuth(request, context);
    if (response.status === 400 || response.status >= 500) return notUnderstood(request, nextauth, await response.text());
    return response;
  } catch (error) {
    return notUnderstood(request, nextauth, error instanceof Error ? error.message : '');
  }
}

export { handler as GET, handler as POST };
