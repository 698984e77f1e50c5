// The pusher's address policy applied when the HUD saves a subscriber, so a URL it will never be
// allowed to dial (cloud metadata, a range the operator denied) is refused in the form, with the
// reason, instead of failing every delivery later. The pusher still checks the address it dials
// on every attempt (DNS can change); a name that does not resolve now is accepted and left to it.
import { isIP } from 'node:net';
import type { Subscriber } from '../engine/types';
import type { AddressPolicy } from '../push/address-policy';
import { unmapIPv4 } from '../push/address-policy';
import { systemResolver, type Resolver } from '../push/push-request';
import { BffError } from './errors';

async function addressesOf(hostname: string, resolve: Resolver): Promise<string[] | undefined> {
  const bare = hostname.replace(/^\[|\]$/g, '');
  if (isIP(bare) !== 0) return [bare];
  try {
    return await resolve(bare);
  } catch {
    return undefined;
  }
}

/** Throws BAD_REQUEST naming the first http(s) subscriber whose every address the policy denies. */
export async function assertSubscribersAllowed(subscribers: Subscriber[], policy: AddressPolicy, resolve: Resolver = systemResolver): Promise<void> {
  for (const subscriber of subscribers) {
    let url: URL;
    try {
      url = new URL(subscriber.url);
    } catch {
      continue; // The engine explains what is wrong with the URL.
    }
    if (url.protocol !== 'http:' && url.protocol !== 'https:') continue;
    const addresses = await addressesOf(url.hostname, resolve);
    if (!addresses || addresses.length === 0 || addresses.some((address) => policy.isAllowed(unmapIPv4(address)))) continue;
    throw new BffError('BAD_REQUEST', `Subscriber address ${addresses.join(', ')} (${url.host}) is not allowed by this server's push policy`);
  }
}
