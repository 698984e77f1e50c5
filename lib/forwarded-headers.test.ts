// Forwarded headers count only from a trusted proxy: any other client's X-Forwarded-* are
// replaced by what the connection itself shows.
import type { IncomingMessage } from 'node:http';
import { describe, expect, it } from 'vitest';
import { createForwardedHeaders } from './forwarded-headers';

function request(remoteAddress: string, headers: Record<string, string>, encrypted = false): IncomingMessage {
  return { socket: { remoteAddress, encrypted }, headers: { ...headers } } as unknown as IncomingMessage;
}

function vouched(trusted: string | undefined, req: IncomingMessage) {
  createForwardedHeaders(trusted).vouch(req);
  const { 'x-forwarded-for': address, 'x-forwarded-proto': proto, 'x-forwarded-host': host } = req.headers;
  return { address, proto, host };
}

describe('forwarded headers', () => {
  it('ignores what a direct client claims, whatever it sends', () => {
    const req = request('203.0.113.9', { host: 'mq.local:8080', 'x-forwarded-for': '1.2.3.4', 'x-forwarded-host': 'evil.test', 'x-forwarded-proto': 'https', forwarded: 'for=1.2.3.4' });
    expect(vouched(undefined, req)).toEqual({ address: '203.0.113.9', proto: 'http', host: 'mq.local:8080' });
    expect(req.headers.forwarded).toBeUndefined();
  });

  it('believes a trusted proxy, taking the nearest address it did not add itself', () => {
    const req = request('10.0.0.2', { host: '10.0.0.5:8080', 'x-forwarded-for': '1.2.3.4, 198.51.100.7, 10.0.0.3', 'x-forwarded-host': 'mq.example.com', 'x-forwarded-proto': 'https' });
    expect(vouched('10.0.0.0/24', req)).toEqual({ address: '198.51.100.7', proto: 'https', host: 'mq.example.com' });
  });

  it('does not believe a proxy outside the trusted ranges', () => {
    const req = request('10.9.0.2', { host: 'h:1', 'x-forwarded-for': '1.2.3.4', 'x-forwarded-proto': 'https' });
    expect(vouched('10.0.0.0/24', req)).toEqual({ address: '10.9.0.2', proto: 'http', host: 'h:1' });
  });

  it('unmaps IPv4-mapped socket addresses and accepts group names', () => {
    const req = request('::ffff:127.0.0.1', { host: 'h', 'x-forwarded-for': '192.0.2.1' });
    expect(vouched('loopback', req).address).toBe('192.0.2.1');
  });

  it('refuses a malformed setting at start', () => {
    expect(() => createForwardedHeaders('10.0.0.0/33')).toThrow(/FERRO_TRUSTED_PROXIES/);
  });
});
