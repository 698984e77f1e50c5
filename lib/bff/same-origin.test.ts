// The CSRF check: which Origin headers a state-changing BFF request may carry.
import { describe, expect, it } from 'vitest';
import { isSameOriginRequest } from './same-origin';

const headers = (values: Record<string, string>) => new Headers(values);

describe('isSameOriginRequest', () => {
  it('lets safe methods through whatever their origin', () => {
    expect(isSameOriginRequest('GET', headers({ host: 'a:1', origin: 'http://evil.test' }))).toBe(true);
  });

  it('accepts a write whose Origin is the Host it was sent to', () => {
    expect(isSameOriginRequest('POST', headers({ host: '127.0.0.1:18500', origin: 'http://127.0.0.1:18500' }))).toBe(true);
  });

  it('accepts the forwarded host behind a reverse proxy', () => {
    const proxied = headers({ host: '127.0.0.1:8080', 'x-forwarded-host': 'hud.example.com', origin: 'https://hud.example.com' });
    expect(isSameOriginRequest('DELETE', proxied)).toBe(true);
  });

  it.each([
    ['another site', { host: 'a.test', origin: 'http://evil.test' }],
    ['another port', { host: 'a.test:1', origin: 'http://a.test:2' }],
    ['no Origin', { host: 'a.test' }],
    ['an opaque Origin', { host: 'a.test', origin: 'null' }],
    ['a malformed Origin', { host: 'a.test', origin: '::' }],
  ])('refuses a write from %s', (_label, values) => {
    expect(isSameOriginRequest('PATCH', headers(values))).toBe(false);
  });
});
