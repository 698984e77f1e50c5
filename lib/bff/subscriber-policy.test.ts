// The save-time address check of subscriber URLs: addresses the push policy denies are refused
// with the reason, whether written as an IP or reached through a name; anything it cannot judge
// now (other schemes, names that do not resolve) is left to the pusher.
import { describe, expect, it } from 'vitest';
import { createAddressPolicy } from '../push/address-policy';
import { assertSubscribersAllowed } from './subscriber-policy';

const policy = createAddressPolicy();
const names: Record<string, string[]> = { 'metadata.internal': ['169.254.169.254'], 'svc.internal': ['10.0.0.5'], 'mixed.internal': ['169.254.1.1', '10.0.0.6'] };
const resolve = async (hostname: string) => {
  if (!names[hostname]) throw new Error(`ENOTFOUND ${hostname}`);
  return names[hostname];
};
const subscriber = (url: string) => ({ name: 's', url, headers: {} });

describe('subscriber URLs against the push policy', () => {
  it('refuses an address the policy always denies, written as an IP or behind a name', async () => {
    await expect(assertSubscribersAllowed([subscriber('http://169.254.169.254/latest')], policy, resolve)).rejects.toThrow(
      /Subscriber address 169\.254\.169\.254 \(169\.254\.169\.254\) is not allowed by this server's push policy/,
    );
    await expect(assertSubscribersAllowed([subscriber('https://metadata.internal/')], policy, resolve)).rejects.toMatchObject({ name: 'BffError', code: 'BAD_REQUEST' });
    await expect(assertSubscribersAllowed([subscriber('http://[::ffff:169.254.169.254]/')], policy, resolve)).rejects.toThrow(/not allowed/);
  });

  it('follows the operator’s denial, and accepts a name with at least one allowed address', async () => {
    await expect(assertSubscribersAllowed([subscriber('http://127.0.0.1:8080/')], policy, resolve)).resolves.toBeUndefined();
    await expect(assertSubscribersAllowed([subscriber('http://127.0.0.1:8080/')], createAddressPolicy({ deny: 'loopback' }), resolve)).rejects.toThrow(/not allowed/);
    await expect(assertSubscribersAllowed([subscriber('http://mixed.internal/')], policy, resolve)).resolves.toBeUndefined();
    await expect(assertSubscribersAllowed([subscriber('http://svc.internal/')], createAddressPolicy({ deny: 'private' }), resolve)).rejects.toThrow(/10\.0\.0\.5/);
  });

  it('leaves other schemes, bad URLs and names that do not resolve to the engine and the pusher', async () => {
    const others = ['ironmq:///elsewhere', 'ironworker://project/worker', 'not a url', 'http://nowhere.invalid/'].map(subscriber);
    await expect(assertSubscribersAllowed(others, createAddressPolicy({ deny: 'loopback,private' }), resolve)).resolves.toBeUndefined();
  });
});
