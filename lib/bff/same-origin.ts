// CSRF defence for the BFF: a state-changing request must come from a page of this server. The
// session cookie rides along on any cross-site form post or fetch, so the cookie alone proves
// nothing. The server's own origin is the scheme and host this request reached, as vouched for by
// lib/forwarded-headers.ts (forwarded values count only from a trusted proxy), or the configured
// public URL of the HUD (NEXTAUTH_URL).
import { BffError } from './errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Scheme, host and port as one comparable string; undefined when it is not an http(s) origin. */
function originOf(url: string): string | undefined {
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'http:' || parsed.protocol === 'https:' ? parsed.origin : undefined;
  } catch {
    return undefined;
  }
}

/** The origins this request may legitimately come from. */
function ownOrigins(headers: Headers, publicUrl: string | undefined): string[] {
  const proto = headers.get('x-forwarded-proto') ?? 'http';
  const host = headers.get('x-forwarded-host') ?? headers.get('host');
  return [host ? originOf(`${proto}://${host}`) : undefined, publicUrl ? originOf(publicUrl) : undefined].filter(
    (origin): origin is string => origin !== undefined,
  );
}

/**
 * True for safe methods, and for others when Origin is this server's own scheme, host and port.
 * A browser always sends Origin on cross-origin and on same-origin non-GET fetches; its absence is refused.
 */
export function isSameOriginRequest(method: string, headers: Headers, publicUrl = process.env.NEXTAUTH_URL || undefined): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  const origin = headers.get('origin');
  const claimed = origin && origin !== 'null' ? originOf(origin) : undefined;
  return claimed !== undefined && ownOrigins(headers, publicUrl).includes(claimed);
}

export function assertSameOrigin(request: Request): void {
  if (!isSameOriginRequest(request.method, request.headers)) throw new BffError('CROSS_ORIGIN');
}
