import { lookup } from 'node:dns/promises';
import { BlockList, isIP } from 'node:net';

/** Addresses a merchant's webhook must never reach: our own network, loopback, link-local, metadata. */
const PRIVATE = new BlockList();
for (const [net, prefix] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const) {
  PRIVATE.addSubnet(net, prefix, 'ipv4');
}
PRIVATE.addSubnet('::1', 128, 'ipv6');
PRIVATE.addSubnet('fc00::', 7, 'ipv6');
PRIVATE.addSubnet('fe80::', 10, 'ipv6');

const LOOPBACK = new BlockList();
LOOPBACK.addSubnet('127.0.0.0', 8, 'ipv4');
LOOPBACK.addSubnet('::1', 128, 'ipv6');

export class WebhookUrlRefusedError extends Error {}

/**
 * HTTPS to public addresses only, checked when sending (DNS may have changed since the endpoint
 * was saved). `allowHttpLoopback` lets tests and `npm start` call a receiver on this machine.
 */
export async function assertDeliverableWebhookUrl(raw: string, allowHttpLoopback: boolean): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new WebhookUrlRefusedError('not a URL');
  }
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const addresses = isIP(host) ? [{ address: host, family: isIP(host) }] : await lookup(host, { all: true });
  const loopback = addresses.every((a) => LOOPBACK.check(a.address, a.family === 6 ? 'ipv6' : 'ipv4'));
  if (allowHttpLoopback && loopback && (url.protocol === 'http:' || url.protocol === 'https:')) return url;
  if (url.protocol !== 'https:') throw new WebhookUrlRefusedError('webhooks are sent over https only');
  if (addresses.some((a) => PRIVATE.check(a.address, a.family === 6 ? 'ipv6' : 'ipv4'))) {
    throw new WebhookUrlRefusedError(`${host} resolves to a private address`);
  }
  return url;
}
