// Sends a visitor without a HUD session to the sign-in page, remembering where they were going.
// Pages check the session and project grants again themselves; this only spares a round of
// rendering, so a matcher mistake here can never open a page.
import { getToken } from 'next-auth/jwt';
import { NextResponse, type NextRequest } from 'next/server';

export async function proxy(request: NextRequest) {
  const token = await getToken({ req: request, secret: process.env.NEXTAUTH_SECRET });
  if (token) return NextResponse.next();
  const { pathname, search } = request.nextUrl;
  const signIn = new URL('/login', request.nextUrl);
  signIn.searchParams.set('callbackUrl', `${pathname}${search}`);
  return NextResponse.redirect(signIn);
}

// Everything but sign-in, the BFF (which answers 401 itself), Next's assets and public files.
export const config = {
  matcher: ['/((?!login|api/|_next/|favicon\\.svg|robots\\.txt).*)'],
};
