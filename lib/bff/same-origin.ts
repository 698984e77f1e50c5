// CSRF defence for the BFF: a state-changing request must come from a page of this server. The
// session cookie rides along on any cross-site form post or fetch, so the cookie alone proves nothing.
import { BffError } from './errors';

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** Hosts this request may legitimately come from: the Host it was sent to and, behind a proxy, the forwarded one. */
function ownHosts(headers: Headers): string[] {
  return [headers.get('host'), headers.get('x-forwarded-host')].filter((host): host is string => !!host);
}

/**
 * True for safe methods, and for others when Origin names this server's host. A browser always
 * sends Origin on cross-origin and on same-origin non-GET fetches; its absence is refused.
 */
export function isSameOriginRequest(method: string, headers: Headers): boolean {
  if (SAFE_METHODS.has(method.toUpperCase())) return true;
  const origin = headers.get('origin');
  if (!origin || origin === 'null') return false;
  let originHost: string;
  try {
    originHost = new URL(origin).host;
  } catch {
    return false;
  }
  return ownHosts(headers).some((host) => host.toLowerCase() === originHost.toLowerCase());
}

export function assertSameOrigin(request: Request): void {
  if (!isSameOriginRequest(request.method, request.headers)) throw new BffError('CROSS_ORIGIN');
}
