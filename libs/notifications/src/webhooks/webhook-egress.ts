import { Resolver } from 'node:dns/promises';
import { isIP } from 'node:net';
import { Agent, buildConnector, request } from 'undici';
import { blockedRangeOf, isLoopbackAddress } from './public-address';

export interface WebhookEgressOptions {
  /** Connect, TLS handshake, answer headers and body each; also caps the whole request. */
  readonly timeoutMs: number;
  /**
   * Lets webhooks reach loopback addresses, over http too (tests, `npm start`); set only from
   * PLATFORM_NOTIFICATIONS_WEBHOOK_ALLOW_HTTP_LOOPBACK, never in production.
   */
  readonly allowHttpLoopback: boolean;
  /** Answers the A and AAAA queries: the system's DNS servers by default, a test's own server in tests. */
  readonly resolver?: Pick<Resolver, 'resolve4' | 'resolve6'>;
  /** How long resolving an endpoint's host may take. */
  readonly lookupTimeoutMs?: number;
}

export type UnreachableReason = 'blocked' | 'dns' | 'connection';

/**
 * The endpoint was not reached. `reason` and the message name the address, range or socket
 * error: for the server log only, since to a merchant they would map our network.
 */
export class WebhookUnreachableError extends Error {
  constructor(
    readonly reason: UnreachableReason,
    message: string,
  ) {
    super(message);
    this.name = 'WebhookUnreachableError';
  }
}

const DEFAULT_LOOKUP_TIMEOUT_MS = 2_500;

/**
 * Sends webhook requests to public addresses only. The check sits in the connector: the host is
 * resolved once, every address it has is vetted, and the socket is opened to the vetted address
 * itself (TLS still verifies the certificate for the host name). No second lookup follows that
 * DNS could answer differently, so rebinding a name to an inside address after the check gets nowhere.
 */
export class WebhookEgress {
  private readonly agent: Agent;
  private readonly resolver: Pick<Resolver, 'resolve4' | 'resolve6'>;
  private readonly lookupTimeoutMs: number;

  constructor(private readonly options: WebhookEgressOptions) {
    this.lookupTimeoutMs = options.lookupTimeoutMs ?? DEFAULT_LOOKUP_TIMEOUT_MS;
    this.resolver = options.resolver ?? new Resolver({ timeout: this.lookupTimeoutMs, tries: 1 });
    const connectTo = buildConnector({ timeout: options.timeoutMs });
    this.agent = new Agent({
      headersTimeout: options.timeoutMs,
      bodyTimeout: options.timeoutMs,
      connect: (target, callback) => {
        const host = target.hostname.replace(/^\[|\]$/g, '');
        this.vettedAddressOf(host, target.protocol).then(
          (address) => connectTo({ ...target, hostname: address, ...(isIP(host) ? {} : { servername: host }) }, callback),
          (error: Error) => callback(error, null),
        );
      },
    });
  }

  /** POSTs `body` and answers the response status; a redirect is an answer, never followed. */
  async post(url: URL, headers: Record<string, string>, body: string): Promise<number> {
    try {
      const response = await request(url, {
        method: 'POST',
        headers,
        body,
        dispatcher: this.agent,
        signal: AbortSignal.timeout(this.options.timeoutMs),
      });
      await response.body.dump();
      return response.statusCode;
    } catch (error) {
      if (error instanceof WebhookUnreachableError) throw error;
      throw new WebhookUnreachableError('connection', `${url.host}: ${describe(error)}`);
    }
  }

  close(): Promise<void> {
    return this.agent.close();
  }

  /** The one address to connect to, after every address of the host passed the block list. */
  private async vettedAddressOf(host: string, protocol: string): Promise<string> {
    const addresses = await this.addressesOf(host);
    for (const address of addresses) {
      if (this.options.allowHttpLoopback && isLoopbackAddress(address)) continue;
      // Plain http is only for loopback receivers under the flag.
      const blocked = blockedRangeOf(address) ?? (protocol === 'https:' ? undefined : 'public, but over plain http');
      if (blocked !== undefined) throw new WebhookUnreachableError('blocked', `${host} has the address ${address} (${blocked})`);
    }
    return addresses.find((address) => isIP(address) === 4) ?? addresses[0]!;
  }

  private async addressesOf(host: string): Promise<string[]> {
    if (isIP(host)) return [host];
    // RFC 6761: localhost names are loopback by definition and never asked of DNS.
    if (host === 'localhost' || host.endsWith('.localhost')) return ['127.0.0.1'];
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${this.lookupTimeoutMs} ms`)), this.lookupTimeoutMs);
    });
    try {
      const answers = await Promise.race([Promise.allSettled([this.resolver.resolve4(host), this.resolver.resolve6(host)]), deadline]);
      const addresses = answers.flatMap((answer) => (answer.status === 'fulfilled' ? answer.value : []));
      if (addresses.length > 0) return addresses;
      const failures = answers.map((answer) => (answer.status === 'rejected' ? describe(answer.reason) : 'no addresses'));
      throw new Error(`A: ${failures[0]}; AAAA: ${failures[1]}`);
    } catch (error) {
      throw new WebhookUnreachableError('dns', `${host}: ${(error as Error).message}`);
    } finally {
      clearTimeout(timer);
    }
  }
}

/** `code message (cause)`; duck-typed, since errors from node internals may come from another realm (Jest's VM). */
function describe(error: unknown): string {
  if (typeof error !== 'object' || error === null || typeof (error as Error).message !== 'string') return String(error);
  const { code, message, cause } = error as Error & { code?: unknown };
  const codePrefix = typeof code === 'string' && !message.includes(code) ? `${code} ` : '';
  return `${codePrefix}${message}${cause === undefined ? '' : ` (${describe(cause)})`}`;
}
