// Which network addresses the pusher may connect to (SSRF defence). Decided on the address
// actually dialled, after DNS, never on the URL's text. The default suits a self-hosted server:
// services on loopback and private networks are reachable, link-local (cloud metadata at
// 169.254.169.254), unspecified, multicast and broadcast addresses are not. FERRO_PUSH_DENY adds
// ranges to that denial and FERRO_PUSH_ALLOW narrows what is left; both take CIDRs or the group
// names in lib/address-ranges.ts, comma-separated.
import { isIP } from 'node:net';
import { parseAddressRanges, unmapIPv4 } from '../address-ranges';

export { unmapIPv4 };

export const DEFAULT_DENY = 'link-local,unspecified,multicast,broadcast';

export interface AddressPolicy {
  /** True when the pusher may connect to this IP address. */
  isAllowed(address: string): boolean;
}

export function createAddressPolicy(options: { deny?: string; allow?: string } = {}): AddressPolicy {
  // Ranges named by the operator are denied on top of the defaults, never instead of them.
  const deny = parseAddressRanges([DEFAULT_DENY, options.deny].filter(Boolean).join(','), 'push policy');
  const allow = options.allow ? parseAddressRanges(options.allow, 'push policy') : undefined;
  return {
    isAllowed(raw: string): boolean {
      const address = unmapIPv4(raw);
      if (isIP(address) === 0 || deny.contains(address)) return false;
      return allow ? allow.contains(address) : true;
    },
  };
}
