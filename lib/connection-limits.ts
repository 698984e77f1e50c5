// How long and how many connections the server keeps, so idle, slow and abusive clients cannot
// take what other clients need. README.md ("Connections") documents the figures.
import type { Server } from 'node:http';

/**
 * An idle keep-alive connection closes after 65 s (longer than the usual load balancer's 60 s,
 * so the balancer always closes first and never sends into a closing socket). Headers must
 * arrive within 15 s and the whole request within 60 s: a client sending a byte a second cannot
 * hold a connection for minutes. A long poll is unaffected — its request arrives at once; only
 * the answer waits, up to 30 s. Past `maxConnections` open sockets, new ones are refused.
 */
export function applyConnectionLimits(server: Server, maxConnections: number): void {
  server.keepAliveTimeout = 65_000;
  server.headersTimeout = 15_000;
  server.requestTimeout = 60_000;
  server.maxConnections = maxConnections;
}
