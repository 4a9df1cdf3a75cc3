import ipaddr from 'ipaddr.js';
import { isIP } from 'node:net';

/** Everything routable on the internet sits in 2000::/3; the rest of IPv6 is special or unassigned. */
const GLOBAL_UNICAST_V6 = ipaddr.IPv6.parseCIDR('2000::/3');

/**
 * The special-purpose range an address belongs to (`loopback`, `private`, `rfc6052`, ...), or
 * undefined for a public unicast address, the only kind a webhook may reach. ipaddr.js keeps the
 * IANA special-purpose registries; anything it names is refused, so a range it learns is refused
 * too. An IPv4-mapped address is judged by the IPv4 address inside it; NAT64, 6to4 and Teredo
 * prefixes are refused whole, since the gateway would carry us to whatever IPv4 they embed.
 */
export function blockedRangeOf(address: string): string | undefined {
  // node:net is strict where ipaddr.js also takes `127.1` and `0x7f.0.0.1`.
  if (isIP(address) === 0) return 'not an IP address';
  const ip = ipaddr.parse(address);
  if (ip.kind() === 'ipv4') {
    const range = ip.range();
    return range === 'unicast' ? undefined : range;
  }
  const v6 = ip as ipaddr.IPv6;
  if (v6.isIPv4MappedAddress()) {
    const inner = blockedRangeOf(v6.toIPv4Address().toString());
    return inner === undefined ? undefined : `ipv4Mapped(${inner})`;
  }
  const range = v6.range();
  if (range !== 'unicast') return range;
  return v6.match(GLOBAL_UNICAST_V6) ? undefined : 'not global unicast';
}

/** 127.0.0.0/8 and ::1, plain or IPv4-mapped: the receivers tests and `npm start` run on this machine. */
export function isLoopbackAddress(address: string): boolean {
  if (isIP(address) === 0) return false;
  return ipaddr.process(address).range() === 'loopback';
}
