import { blockedRangeOf, isLoopbackAddress } from './public-address';

describe('the addresses a webhook may reach', () => {
  it.each([
    // [address, what it is]
    ['127.0.0.1', 'loopback'],
    ['127.255.255.254', 'loopback'],
    ['::1', 'loopback'],
    ['10.0.0.1', 'private 10/8'],
    ['10.255.255.255', 'private 10/8'],
    ['172.16.0.1', 'private 172.16/12'],
    ['172.31.255.254', 'private 172.16/12'],
    ['192.168.1.1', 'private 192.168/16'],
    ['100.64.0.1', 'CGNAT 100.64/10'],
    ['100.127.255.254', 'CGNAT 100.64/10'],
    ['169.254.169.254', 'link-local (cloud metadata)'],
    ['fe80::1', 'link-local fe80::/10'],
    ['febf::1', 'link-local fe80::/10'],
    ['fc00::1', 'unique-local fc00::/7'],
    ['fd12:3456::1', 'unique-local fc00::/7'],
    ['0.0.0.0', 'unspecified 0/8'],
    ['0.1.2.3', 'unspecified 0/8'],
    ['::', 'unspecified ::'],
    ['::ffff:127.0.0.1', 'IPv4-mapped loopback'],
    ['::ffff:10.1.2.3', 'IPv4-mapped private'],
    ['::ffff:169.254.169.254', 'IPv4-mapped link-local'],
    ['::ffff:a9fe:a9fe', 'IPv4-mapped link-local, hex'],
    ['64:ff9b::7f00:1', 'NAT64 64:ff9b::/96 (embeds 127.0.0.1)'],
    ['64:ff9b::808:808', 'NAT64 64:ff9b::/96 (embeds a public address)'],
    ['64:ff9b:1::a00:1', 'local NAT64 64:ff9b:1::/48'],
    ['2002:7f00:1::', '6to4 2002::/16 (embeds 127.0.0.1)'],
    ['2002:808:808::1', '6to4 2002::/16 (embeds a public address)'],
    ['2001::1', 'Teredo 2001::/32'],
    ['2001:0:4136:e378:8000:63bf:3fff:fdd2', 'Teredo 2001::/32'],
    ['224.0.0.1', 'multicast 224/4'],
    ['239.255.255.250', 'multicast 224/4'],
    ['ff02::1', 'multicast ff00::/8'],
    ['ff0e::1', 'multicast ff00::/8'],
    ['255.255.255.255', 'broadcast'],
    ['198.18.0.1', 'benchmarking 198.18/15'],
    ['198.19.255.254', 'benchmarking 198.18/15'],
    ['2001:2::1', 'benchmarking 2001:2::/48'],
    ['192.0.2.1', 'documentation TEST-NET-1'],
    ['198.51.100.1', 'documentation TEST-NET-2'],
    ['203.0.113.1', 'documentation TEST-NET-3'],
    ['2001:db8::1', 'documentation 2001:db8::/32'],
    ['3fff::1', 'documentation 3fff::/20'],
    ['240.0.0.1', 'reserved 240/4'],
    ['192.0.0.8', 'IETF protocol assignments 192.0.0/24'],
    ['::7f00:1', 'IPv4-compatible (deprecated), outside 2000::/3'],
    ['100::1', 'discard-only 100::/64'],
    ['fec0::1', 'site-local (deprecated)'],
  ])('refuses %s (%s)', (address) => {
    expect(blockedRangeOf(address)).toEqual(expect.any(String));
  });

  it.each([
    ['93.184.216.34', 'a public IPv4 address'],
    ['8.8.8.8', 'a public IPv4 address'],
    ['1.1.1.1', 'a public IPv4 address'],
    ['172.32.0.1', 'just past 172.16/12'],
    ['100.128.0.1', 'just past 100.64/10'],
    ['198.20.0.1', 'just past 198.18/15'],
    ['::ffff:8.8.8.8', 'a public IPv4 address, IPv4-mapped'],
    ['2606:4700:4700::1111', 'a public IPv6 address'],
    ['2a00:1450:4001:82b::200e', 'a public IPv6 address'],
  ])('lets %s through (%s)', (address) => {
    expect(blockedRangeOf(address)).toBeUndefined();
  });

  it('names the range, judging an IPv4-mapped address by the IPv4 address inside', () => {
    expect(blockedRangeOf('10.0.0.1')).toBe('private');
    expect(blockedRangeOf('::ffff:127.0.0.1')).toBe('ipv4Mapped(loopback)');
    expect(blockedRangeOf('64:ff9b::7f00:1')).toBe('rfc6052');
    expect(blockedRangeOf('2002:7f00:1::')).toBe('6to4');
    expect(blockedRangeOf('::')).toBe('unspecified');
  });

  it('refuses what is not a plain address, such as the shorthand forms that mean 127.0.0.1', () => {
    for (const odd of ['127.1', '0x7f.0.0.1', '2130706433', 'localhost', '', '1.2.3.4.5']) expect(blockedRangeOf(odd)).toBe('not an IP address');
  });

  it('knows loopback, plain or IPv4-mapped, and nothing else', () => {
    expect(['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1'].map(isLoopbackAddress)).toEqual([true, true, true, true]);
    expect(['10.0.0.1', '0.0.0.0', '::', '64:ff9b::7f00:1', 'localhost'].map(isLoopbackAddress)).toEqual([false, false, false, false, false]);
  });
});
