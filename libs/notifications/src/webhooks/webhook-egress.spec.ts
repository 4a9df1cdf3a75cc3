import { createSocket, type Socket as UdpSocket } from 'node:dgram';
import { Resolver } from 'node:dns/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { startTestDnsServer, startWebhookReceiver, type TestDnsServer, type WebhookReceiver } from '../../testing';
import { WebhookEgress, WebhookUnreachableError, type UnreachableReason } from './webhook-egress';

/** A public address that is not ours; a test connection to it fails (no route, or no TLS for our test names). */
const PUBLIC_LOOKING = '93.184.216.34';

describe('webhook egress: public addresses only, and only the address that was checked', () => {
  let dns: TestDnsServer;
  let receiver: WebhookReceiver;
  let port: number;
  const answers = new Map<string, (type: 'A' | 'AAAA', n: number) => string[] | undefined>();
  const egresses: WebhookEgress[] = [];

  beforeAll(async () => {
    dns = await startTestDnsServer((name, type, n) => (answers.get(name) ?? (() => undefined))(type, n));
    receiver = await startWebhookReceiver(() => 200);
    port = Number(new URL(receiver.url).port);
  });

  afterAll(async () => {
    await Promise.all(egresses.map((egress) => egress.close()));
    await receiver.close();
    await dns.close();
  });

  function egress(options: { allowHttpLoopback?: boolean; resolver?: Resolver; lookupTimeoutMs?: number } = {}): WebhookEgress {
    const created = new WebhookEgress({ timeoutMs: 1_500, allowHttpLoopback: false, resolver: dns.resolver(), ...options });
    egresses.push(created);
    return created;
  }

  async function unreachable(sending: Promise<unknown>): Promise<{ reason: UnreachableReason; message: string }> {
    const error = await sending.then(
      () => undefined,
      (failure: unknown) => failure,
    );
    expect(error).toBeInstanceOf(WebhookUnreachableError);
    return { reason: (error as WebhookUnreachableError).reason, message: (error as WebhookUnreachableError).message };
  }

  const queriesOf = (name: string, type: 'A' | 'AAAA') => dns.queries.filter((q) => q.name === name && q.type === type).length;
  const post = (sender: WebhookEgress, url: string) => sender.post(new URL(url), { 'content-type': 'application/json' }, '{}');

  it('never connects to 127.0.0.1 when DNS answers a public address for the check and 127.0.0.1 afterwards (rebinding)', async () => {
    // First answer public-looking, every later one the receiver's loopback address.
    answers.set('rebind.hooks.test', (type, n) => (type === 'AAAA' ? [] : n === 0 ? [PUBLIC_LOOKING] : ['127.0.0.1']));
    const sender = egress();
    const before = receiver.connections();

    // The send resolves once and connects to the public address it vetted, never asking DNS again.
    const first = await unreachable(post(sender, `https://rebind.hooks.test:${port}/hooks`));
    expect(first.reason).toBe('connection');
    expect(receiver.connections()).toBe(before);
    expect(queriesOf('rebind.hooks.test', 'A')).toBe(1);

    // The retry asks again, gets 127.0.0.1 and refuses it before any socket is opened.
    const retry = await unreachable(post(sender, `https://rebind.hooks.test:${port}/hooks`));
    expect(retry).toEqual({ reason: 'blocked', message: 'rebind.hooks.test has the address 127.0.0.1 (loopback)' });
    expect(queriesOf('rebind.hooks.test', 'A')).toBe(2);
    expect(receiver.connections()).toBe(before);
  });

  it('refuses a host when any of its addresses, IPv4 or IPv6, is inside, without connecting', async () => {
    answers.set('mixed-v4.hooks.test', (type) => (type === 'A' ? [PUBLIC_LOOKING, '10.0.0.8'] : []));
    answers.set('mixed-v6.hooks.test', (type) => (type === 'A' ? [PUBLIC_LOOKING] : ['::ffff:127.0.0.1']));
    answers.set('nat64.hooks.test', (type) => (type === 'A' ? [] : ['64:ff9b::7f00:1']));
    const sender = egress();
    const before = receiver.connections();
    expect(await unreachable(post(sender, `https://mixed-v4.hooks.test:${port}/`))).toMatchObject({ reason: 'blocked', message: expect.stringContaining('10.0.0.8 (private)') });
    expect(await unreachable(post(sender, `https://mixed-v6.hooks.test:${port}/`))).toMatchObject({
      reason: 'blocked',
      message: expect.stringContaining('::ffff:127.0.0.1 (ipv4Mapped(loopback))'),
    });
    expect(await unreachable(post(sender, `https://nat64.hooks.test:${port}/`))).toMatchObject({ reason: 'blocked', message: expect.stringContaining('(rfc6052)') });
    expect(receiver.connections()).toBe(before);
  });

  it('refuses address literals inside, however they are written, without connecting', async () => {
    const sender = egress();
    const before = receiver.connections();
    for (const literal of ['127.0.0.1', '[::ffff:127.0.0.1]', '[::ffff:7f00:1]', '0x7f.1', '2130706433', '[::1]', 'localhost', 'hooks.localhost']) {
      expect(await unreachable(post(sender, `https://${literal}:${port}/hooks`))).toMatchObject({ reason: 'blocked' });
    }
    expect(receiver.connections()).toBe(before);
  });

  it('reaches a loopback receiver, by address or by a name that resolves there, only with allowHttpLoopback', async () => {
    answers.set('local.hooks.test', (type) => (type === 'A' ? ['127.0.0.1'] : []));
    const local = egress({ allowHttpLoopback: true });
    await expect(post(local, receiver.url)).resolves.toBe(200);
    await expect(post(local, `http://local.hooks.test:${port}/hooks`)).resolves.toBe(200);
    expect(receiver.calls.at(-1)!.headers.host).toBe(`local.hooks.test:${port}`);

    const strict = egress();
    const before = receiver.connections();
    expect(await unreachable(post(strict, receiver.url))).toMatchObject({ reason: 'blocked', message: expect.stringContaining('(loopback)') });
    expect(await unreachable(post(strict, `http://local.hooks.test:${port}/hooks`))).toMatchObject({ reason: 'blocked' });
    // Even with the flag, plain http goes nowhere but loopback.
    answers.set('public-http.hooks.test', (type) => (type === 'A' ? [PUBLIC_LOOKING] : []));
    expect(await unreachable(post(local, `http://public-http.hooks.test:${port}/hooks`))).toMatchObject({
      reason: 'blocked',
      message: expect.stringContaining('public, but over plain http'),
    });
    expect(receiver.connections()).toBe(before);
  });

  it('answers a redirect as the status it is, without following it', async () => {
    const target = await startWebhookReceiver(() => 200);
    const redirecting = createServer((_request, response) => response.writeHead(307, { location: target.url }).end());
    await new Promise<void>((resolve) => redirecting.listen(0, '127.0.0.1', () => resolve()));
    try {
      const { port: redirectPort } = redirecting.address() as AddressInfo;
      await expect(post(egress({ allowHttpLoopback: true }), `http://127.0.0.1:${redirectPort}/hooks`)).resolves.toBe(307);
      expect(target.connections()).toBe(0);
    } finally {
      await new Promise<void>((resolve) => redirecting.close(() => resolve()));
      await target.close();
    }
  });

  it('gives up on a host without an address, or whose DNS server does not answer within the lookup timeout', async () => {
    expect(await unreachable(post(egress(), `https://missing.hooks.test/hooks`))).toMatchObject({ reason: 'dns', message: expect.stringContaining('ENOTFOUND') });
    answers.set('empty.hooks.test', () => []);
    expect(await unreachable(post(egress(), `https://empty.hooks.test/hooks`))).toMatchObject({ reason: 'dns' });

    const silent: UdpSocket = createSocket('udp4');
    await new Promise<void>((resolve) => silent.bind(0, '127.0.0.1', () => resolve()));
    try {
      const resolver = new Resolver({ timeout: 10_000, tries: 1 });
      resolver.setServers([`127.0.0.1:${(silent.address() as AddressInfo).port}`]);
      const started = Date.now();
      const failure = await unreachable(post(egress({ resolver, lookupTimeoutMs: 300 }), `https://slow.hooks.test/hooks`));
      expect(failure).toEqual({ reason: 'dns', message: 'slow.hooks.test: no answer within 300 ms' });
      expect(Date.now() - started).toBeLessThan(5_000);
      resolver.cancel();
    } finally {
      silent.close();
    }
  });
});
