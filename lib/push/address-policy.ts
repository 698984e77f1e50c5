// Which network addresses the pusher may connect to (SSRF defence). Decided on the address
// actually dialled, after DNS, never on the URL's text. The default suits a self-hosted server:
// services on loopback and private networks are reachable, link-local (cloud metadata at
// 169.254.169.254), unspecified, multicast and broadcast addresses are not. FERRO_PUSH_DENY adds
// ranges to that denial and FERRO_PUSH_ALLOW narrows what is left; both take CIDRs or the group
// names below, comma-separated.
import { BlockList, isIP } from 'node:net';

const GROUPS: Record<string, string[]> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  private: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', 'fc00::/7'],
  'link-local': ['169.254.0.0/16', 'fe80::/10'],
  unspecified: ['0.0.0.0/8', '::/128'],
  multicast: ['224.0.0.0/4', 'ff00::/8'],
  broadcast: ['255.255.255.255/32'],
};

export const DEFAULT_DENY = 'link-local,unspecified,multicast,broadcast';

export interface AddressPolicy {
  /** True when the pusher may connect to this IP address. */
  isAllowed(address: string): boolean;
}

function toBlockList(spec: string): BlockList {
  const list = new BlockList();
  for (const item of spec.split(',').map((part) => part.trim()).filter(Boolean)) {
    for (const cidr of GROUPS[item] ?? [item]) {
      const [network, bits, ...rest] = cidr.split('/');
      const family = isIP(network) === 6 ? 'ipv6' : 'ipv4';
      const maxBits = family === 'ipv6' ? 128 : 32;
      if (isIP(network) === 0 || rest.length > 0 || !/^\d{1,3}$/.test(bits ?? '') || Number(bits) > maxBits) {
        throw new Error(`Invalid address range in push policy: ${JSON.stringify(item)}`);
      }
      list.addSubnet(network, Number(bits), family);
    }
  }
  return list;
}

/**
 * An IPv4-mapped IPv6 address (::ffff:a.b.c.d, also written ::ffff:xxxx:xxxx) is the IPv4
 * address it carries: checking it as IPv6 would let 169.254.169.254 through in disguise.
 */
export function unmapIPv4(address: string): string {
  const match = /^(?:0*:)*:?ffff:(.+)$/i.exec(address.replace(/^\[|\]$/g, ''));
  if (!match || isIP(address.replace(/^\[|\]$/g, '')) !== 6) return address.replace(/^\[|\]$/g, '');
  const tail = match[1];
  if (isIP(tail) === 4) return tail;
  const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(tail);
  if (!hex) return address;
  const high = parseInt(hex[1], 16);
  const low = parseInt(hex[2], 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}

export function createAddressPolicy(options: { deny?: string; allow?: string } = {}): AddressPolicy {
  // Ranges named by the operator are denied on top of the defaults, never instead of them.
  const deny = toBlockList([DEFAULT_DENY, options.deny].filter(Boolean).join(','));
  const allow = options.allow ? toBlockList(options.allow) : undefined;
  return {
    isAllowed(raw: string): boolean {
      const address = unmapIPv4(raw);
      const family = isIP(address);
      if (family === 0) return false;
      const type = family === 6 ? 'ipv6' : 'ipv4';
      if (deny.check(address, type)) return false;
      return allow ? allow.check(address, type) : true;
    },
  };
}
