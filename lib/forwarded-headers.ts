// What the HUD may believe about where a request came from. Behind a reverse proxy the client's
// address, scheme and host arrive in X-Forwarded-* headers — but any client can write those, so
// they count only when the connection comes from a proxy the operator trusts
// (FERRO_TRUSTED_PROXIES). Every HUD request reaches Next with these headers rewritten to what
// this server vouches for: the sign-in throttle keys on the real address, and the same-origin
// check compares against the real scheme and host.
import type { IncomingMessage } from 'node:http';
import type { TLSSocket } from 'node:tls';
import { parseAddressRanges, unmapIPv4, type AddressRanges } from './address-ranges';

export interface ForwardedHeaders {
  /** Rewrites X-Forwarded-For/-Proto/-Host on the request to what this server can vouch for. */
  vouch(req: IncomingMessage): void;
}

/** The values of a header that may be repeated or comma-joined, in order. */
function listOf(value: string | string[] | undefined): string[] {
  const joined = Array.isArray(value) ? value.join(',') : (value ?? '');
  return joined.split(',').map((part) => part.trim()).filter(Boolean);
}

/**
 * The client's address: the socket's, or — when the socket is a trusted proxy — the nearest
 * address in X-Forwarded-For that is not itself a trusted proxy (each proxy appends the address
 * it received from, so the rightmost untrusted entry is the first one nobody can have forged).
 */
function clientAddressOf(socketAddress: string, forwardedFor: string[], trusted: AddressRanges | undefined): string {
  if (!trusted?.contains(socketAddress)) return socketAddress;
  for (const hop of [...forwardedFor].reverse()) {
    if (!trusted.contains(hop)) return unmapIPv4(hop);
  }
  return forwardedFor.length > 0 ? unmapIPv4(forwardedFor[0]) : socketAddress;
}

export function createForwardedHeaders(trustedProxies: string | undefined): ForwardedHeaders {
  const trusted = trustedProxies ? parseAddressRanges(trustedProxies, 'FERRO_TRUSTED_PROXIES') : undefined;
  return {
    vouch(req) {
      const socketAddress = unmapIPv4(req.socket.remoteAddress ?? '');
      const isFromProxy = trusted?.contains(socketAddress) ?? false;
      const headers = req.headers;
      const client = clientAddressOf(socketAddress, listOf(headers['x-forwarded-for']), trusted);
      const ownProto = (req.socket as TLSSocket).encrypted ? 'https' : 'http';
      const proto = (isFromProxy && listOf(headers['x-forwarded-proto'])[0]) || ownProto;
      const host = (isFromProxy && listOf(headers['x-forwarded-host'])[0]) || headers.host || '';
      delete headers.forwarded;
      headers['x-forwarded-for'] = client;
      headers['x-forwarded-proto'] = proto;
      headers['x-forwarded-host'] = host;
    },
  };
}
