import type { ServiceTokenSigner, ShardedService, ShardRouter, TenantPrincipal } from '@storefront/tenancy';

export interface ShardAnswer {
  readonly statusCode: number;
  readonly body: unknown;
}

/** The shard could not be reached, or shards disagree about who serves the tenant. */
export class ShardUnavailableError extends Error {
  constructor(
    readonly service: ShardedService,
    cause: unknown,
  ) {
    super(`${service} is unavailable`, { cause });
    this.name = 'ShardUnavailableError';
  }
}

export interface ShardRequestOptions {
  readonly body?: unknown;
  readonly headers?: Readonly<Record<string, string>>;
}

/**
 * Calls the shard of `service` that owns a tenant, vouching for the principal (shopper, merchant or
 * service, and its tenant) with a signed service token. A 421 (the tenant moved shards after we looked it up) is followed once.
 */
export class ShardClient {
  constructor(
    private readonly service: ShardedService,
    private readonly router: ShardRouter,
    private readonly tokens: ServiceTokenSigner,
    private readonly timeoutMs = 30_000,
  ) {}

  async request(principal: TenantPrincipal, method: string, path: string, options: ShardRequestOptions = {}): Promise<ShardAnswer> {
    let { url } = await this.router.route(principal.tenantId, this.service);
    const token = await this.tokens.sign(this.service, principal);
    const { body } = options;
    for (let attempt = 0; attempt < 2; attempt++) {
      let response: Response;
      try {
        response = await fetch(`${url}${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...options.headers },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal: AbortSignal.timeout(this.timeoutMs),
        });
      } catch (error) {
        throw new ShardUnavailableError(this.service, error);
      }
      const redirect = response.headers.get(`x-${this.service}-shard-url`);
      if (response.status === 421 && redirect && attempt === 0) {
        url = redirect;
        continue;
      }
      const text = await response.text();
      return { statusCode: response.status, body: text ? JSON.parse(text) : null };
    }
    throw new ShardUnavailableError(this.service, new Error(`${this.service} shards disagree about this store`));
  }
}
