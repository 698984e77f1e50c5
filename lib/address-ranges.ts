// Sets of IP address ranges written the way operators write them: CIDRs (`10.1.0.0/16`,
// `fd00::/8`), single addresses, or group names such as `loopback` and `private`, comma-
// separated. Used by the pusher's address policy and by the list of trusted reverse proxies.
import { BlockList, isIP } from 'node:net';

export const ADDRESS_GROUPS: Record<string, string[]> = {
  loopback: ['127.0.0.0/8', '::1/128'],
  private: ['10.0.0.0/8', '172.16.0.0/12', '192.168.0.0/16', '100.64.0.0/10', 'fc00::/7'],
  'link-local': ['169.254.0.0/16', 'fe80::/10'],
  unspecified: ['0.0.0.0/8', '::/128'],
  multicast: ['224.0.0.0/4', 'ff00::/8'],
  broadcast: ['255.255.255.255/32'],
};

export interface AddressRanges {
  /** True when the IP address lies in one of the ranges; false for anything that is not an IP address. */
  contains(address: string): boolean;
}

/** Parses a spec; throws with the offending item named, so a typo fails at start. `what` names the setting. */
export function parseAddressRanges(spec: string, what: string): AddressRanges {
  const list = new BlockList();
  for (const item of spec.split(',').map((part) => part.trim()).filter(Boolean)) {
    for (const range of ADDRESS_GROUPS[item] ?? [item]) {
      const [network, bits, ...rest] = range.includes('/') ? range.split('/') : [range, isIP(range) === 6 ? '128' : '32'];
      const family = isIP(network) === 6 ? 'ipv6' : 'ipv4';
      const maxBits = family === 'ipv6' ? 128 : 32;
      if (isIP(network) === 0 || rest.length > 0 || !/^\d{1,3}$/.test(bits ?? '') || Number(bits) > maxBits) {
        throw new Error(`Invalid address range in ${what}: ${JSON.stringify(item)}`);
      }
      list.addSubnet(network, Number(bits), family);
    }
  }
  return {
    contains(raw: string): boolean {
      const address = unmapIPv4(raw);
      const family = isIP(address);
      return family !== 0 && list.check(address, family === 6 ? 'ipv6' : 'ipv4');
    },
  };
}

/**
 * An IPv4-mapped IPv6 address (::ffff:a.b.c.d, also written ::ffff:xxxx:xxxx) is the IPv4
 * address it carries: checking it as IPv6 would let 169.254.169.254 through in disguise.
 */
export function unmapIPv4(address: string): string {
  const bare = address.replace(/^\[|\]$/g, '');
  const match = /^(?:0*:)*:?ffff:(.+)$/i.exec(bare);
  if (!match || isIP(bare) !== 6) return bare;
  const tail = match[1];
  if (isIP(tail) === 4) return tail;
  const hex = /^([0-9a-f]{1,4}):([0-9a-f]{1,4})$/i.exec(tail);
  if (!hex) return address;
  const high = parseInt(hex[1], 16);
  const low = parseInt(hex[2], 16);
  return [high >> 8, high & 255, low >> 8, low & 255].join('.');
}
