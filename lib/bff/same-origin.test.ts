// The CSRF check: which Origin headers a state-changing BFF request may carry. The forwarded
// headers here are as lib/forwarded-headers.ts leaves them: already vouched for.
import { describe, expect, it } from 'vitest';
import { isSameOriginRequest } from './same-origin';

const headers = (values: Record<string, string>) => new Headers(values);

describe('isSameOriginRequest', () => {
  it('lets safe methods through whatever their origin', () => {
    expect(isSameOriginRequest('GET', headers({ host: 'a:1', origin: 'http://evil.test' }), undefined)).toBe(true);
  });

  it('accepts a write whose Origin is the scheme, host and port it was sent to', () => {
    const direct = headers({ host: '127.0.0.1:18500', 'x-forwarded-proto': 'http', 'x-forwarded-host': '127.0.0.1:18500', origin: 'http://127.0.0.1:18500' });
    expect(isSameOriginRequest('POST', direct, undefined)).toBe(true);
  });

  it('accepts the vouched-for host and scheme behind a trusted reverse proxy', () => {
    const proxied = headers({ host: '127.0.0.1:8080', 'x-forwarded-proto': 'https', 'x-forwarded-host': 'hud.example.com', origin: 'https://hud.example.com' });
    expect(isSameOriginRequest('DELETE', proxied, undefined)).toBe(true);
  });

  it('accepts the configured public URL of the HUD', () => {
    const behindProxy = headers({ host: '10.0.0.5:8080', 'x-forwarded-proto': 'http', 'x-forwarded-host': '10.0.0.5:8080', origin: 'https://mq.example.com' });
    expect(isSameOriginRequest('POST', behindProxy, 'https://mq.example.com/')).toBe(true);
    expect(isSameOriginRequest('POST', behindProxy, undefined)).toBe(false);
  });

  it.each([
    ['another site', { host: 'a.test', origin: 'http://evil.test' }],
    ['another port', { host: 'a.test:1', origin: 'http://a.test:2' }],
    ['another scheme', { host: 'a.test', 'x-forwarded-proto': 'http', origin: 'https://a.test' }],
    ['a non-web scheme', { host: 'a.test', origin: 'file://a.test' }],
    ['no Origin', { host: 'a.test' }],
    ['an opaque Origin', { host: 'a.test', origin: 'null' }],
    ['a malformed Origin', { host: 'a.test', origin: '::' }],
  ])('refuses a write from %s', (_label, values) => {
    expect(isSameOriginRequest('PATCH', headers(values), undefined)).toBe(false);
  });
});
