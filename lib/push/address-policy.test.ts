// The pusher's address policy (SSRF defence): every blocked form of a dangerous address, the
// groups FERRO_PUSH_DENY names, allow-lists, and specs that must fail loudly at start.
import { describe, expect, it } from 'vitest';
import { DEFAULT_DENY, createAddressPolicy, unmapIPv4 } from './address-policy';

const METADATA_FORMS = [
  '169.254.169.254',
  '::ffff:169.254.169.254',
  '::ffff:a9fe:a9fe',
  '::FFFF:A9FE:A9FE',
  '0:0:0:0:0:ffff:a9fe:a9fe',
  '[::ffff:a9fe:a9fe]',
];

describe('the default policy', () => {
  const policy = createAddressPolicy();

  it('denies link-local (cloud metadata) in every spelling, IPv4-mapped IPv6 included', () => {
    for (const address of [...METADATA_FORMS, '169.254.0.1', 'fe80::1', 'fe80::abcd:1234', 'febf::1']) {
      expect(policy.isAllowed(address), address).toBe(false);
    }
  });

  it('denies unspecified, multicast and broadcast addresses', () => {
    for (const address of ['0.0.0.0', '0.1.2.3', '::', '::ffff:0.0.0.0', '224.0.0.1', '239.255.255.250', 'ff02::1', '255.255.255.255']) {
      expect(policy.isAllowed(address), address).toBe(false);
    }
  });

  it('allows loopback, private and public addresses', () => {
    for (const address of ['127.0.0.1', '::1', '::ffff:127.0.0.1', '10.1.2.3', '172.16.0.1', '192.168.1.1', 'fc00::1', '8.8.8.8', '2001:4860:4860::8888', '169.253.255.255', '169.255.0.1']) {
      expect(policy.isAllowed(address), address).toBe(true);
    }
  });

  it('never allows what is not an IP address', () => {
    for (const text of ['', 'localhost', 'metadata.google.internal', '1.2.3', '169.254.169.254.nip.io', '::ffff:zzzz:1']) {
      expect(policy.isAllowed(text), text).toBe(false);
    }
  });

  it('is what DEFAULT_DENY names', () => {
    expect(DEFAULT_DENY).toBe('link-local,unspecified,multicast,broadcast');
    const explicit = createAddressPolicy({ deny: DEFAULT_DENY });
    for (const address of [...METADATA_FORMS, 'fe80::1', '0.0.0.0', '224.0.0.1', '255.255.255.255', '127.0.0.1', '10.0.0.1']) {
      expect(explicit.isAllowed(address), address).toBe(policy.isAllowed(address));
    }
  });
});

describe('denied groups', () => {
  const strict = createAddressPolicy({ deny: `${DEFAULT_DENY},loopback,private` });

  it('private: 10/8, 172.16/12, 192.168/16, 100.64/10 and fc00::/7, mapped or not', () => {
    for (const address of ['10.0.0.1', '10.255.255.255', '172.16.0.1', '172.31.255.255', '192.168.0.1', '100.64.0.1', 'fc00::1', 'fd12:3456::1', '::ffff:10.0.0.1', '::ffff:c0a8:101']) {
      expect(strict.isAllowed(address), address).toBe(false);
    }
    for (const address of ['172.15.255.255', '172.32.0.1', '192.169.0.1', '11.0.0.1', 'fe00::1']) {
      expect(strict.isAllowed(address), address).toBe(true);
    }
  });

  it('loopback: 127/8 and ::1, mapped or not', () => {
    for (const address of ['127.0.0.1', '127.1.2.3', '127.255.255.254', '::1', '::ffff:127.0.0.1', '::ffff:7f00:1', '[::1]']) {
      expect(strict.isAllowed(address), address).toBe(false);
    }
  });

  it('the default groups stay denied alongside them', () => {
    for (const address of [...METADATA_FORMS, 'fe80::1', '0.0.0.0', '224.0.0.1', '255.255.255.255']) {
      expect(strict.isAllowed(address), address).toBe(false);
    }
    expect(strict.isAllowed('8.8.8.8')).toBe(true);
  });

  it('CIDRs, IPv4 and IPv6, mix with group names', () => {
    const policy = createAddressPolicy({ deny: 'loopback, 203.0.113.0/24 ,2001:db8::/32' });
    expect(policy.isAllowed('203.0.113.7')).toBe(false);
    expect(policy.isAllowed('::ffff:203.0.113.7')).toBe(false);
    expect(policy.isAllowed('203.0.114.1')).toBe(true);
    expect(policy.isAllowed('2001:db8::1')).toBe(false);
    expect(policy.isAllowed('2001:db9::1')).toBe(true);
    expect(policy.isAllowed('127.0.0.1')).toBe(false);
  });
});

describe('allow-lists', () => {
  it('only the allowed ranges may be dialled', () => {
    const policy = createAddressPolicy({ allow: '10.1.0.0/16,2001:db8::/32' });
    expect(policy.isAllowed('10.1.2.3')).toBe(true);
    expect(policy.isAllowed('::ffff:10.1.2.3')).toBe(true);
    expect(policy.isAllowed('2001:db8::5')).toBe(true);
    for (const address of ['10.2.0.1', '8.8.8.8', '127.0.0.1', '::1', '2001:db9::1']) {
      expect(policy.isAllowed(address), address).toBe(false);
    }
  });

  it('group names work in allow-lists', () => {
    const policy = createAddressPolicy({ allow: 'loopback' });
    expect(policy.isAllowed('127.0.0.1')).toBe(true);
    expect(policy.isAllowed('::1')).toBe(true);
    expect(policy.isAllowed('10.0.0.1')).toBe(false);
  });

  it('a deny beats an allow: allowing link-local does not open the default deny', () => {
    const policy = createAddressPolicy({ allow: '169.254.0.0/16,fe80::/10' });
    for (const address of [...METADATA_FORMS, 'fe80::1']) expect(policy.isAllowed(address), address).toBe(false);
  });
});

describe('invalid specs throw', () => {
  const invalid = ['nonsense', 'loopbak', 'link_local', '10.0.0.', '10.0.0.0/', '10.0.0.0/x', '10.0.0.0/-1', '300.1.1.1/8', '10.0.0.0/33', 'fe80::/129', 'example.com/24', '10.0.0.0/8/8'];

  it.each(invalid)('deny %j', (spec) => {
    expect(() => createAddressPolicy({ deny: spec })).toThrow();
  });

  it.each(invalid)('allow %j', (spec) => {
    expect(() => createAddressPolicy({ allow: spec })).toThrow();
  });

  it('takes a single address as a range of one', () => {
    const policy = createAddressPolicy({ deny: '10.0.0.7,fd00::7' });
    expect(policy.isAllowed('10.0.0.7')).toBe(false);
    expect(policy.isAllowed('10.0.0.8')).toBe(true);
    expect(policy.isAllowed('fd00::7')).toBe(false);
  });

  it('names the offending item', () => {
    expect(() => createAddressPolicy({ deny: 'loopback,bogus' })).toThrow(/bogus/);
  });
});

describe('unmapIPv4', () => {
  it('turns IPv4-mapped IPv6 into the IPv4 address it carries', () => {
    expect(unmapIPv4('::ffff:169.254.169.254')).toBe('169.254.169.254');
    expect(unmapIPv4('::ffff:a9fe:a9fe')).toBe('169.254.169.254');
    expect(unmapIPv4('[::ffff:7f00:1]')).toBe('127.0.0.1');
    expect(unmapIPv4('0:0:0:0:0:ffff:0a00:0001')).toBe('10.0.0.1');
  });

  it('leaves other addresses as they are, without brackets', () => {
    expect(unmapIPv4('10.0.0.1')).toBe('10.0.0.1');
    expect(unmapIPv4('::1')).toBe('::1');
    expect(unmapIPv4('[fe80::1]')).toBe('fe80::1');
    expect(unmapIPv4('2001:db8::ffff:1')).toBe('2001:db8::ffff:1');
  });
});
