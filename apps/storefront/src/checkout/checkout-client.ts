import type { ServiceTokens, ShardRouter } from '@storefront/tenancy';

export interface CheckoutAnswer {
  readonly statusCode: number;
  readonly body: unknown;
}

export class CheckoutUnavailableError extends Error {
  constructor(cause: unknown) {
    super('checkout is unavailable right now; nothing was charged. Try again in a moment.', { cause });
    this.name = 'CheckoutUnavailableError';
  }
}

/**
 * Calls the checkout shard that owns the tenant, vouching for tenant and shopper with a signed
 * service token. A 421 (the tenant moved shards after we looked it up) is followed once.
 */
export class CheckoutClient {
  constructor(
    private readonly router: ShardRouter,
    private readonly tokens: ServiceTokens,
    private readonly timeoutMs = 30_000,
  ) {}

  async placeOrder(tenantId: string, customerId: string | null, idempotencyKey: string, body: unknown): Promise<CheckoutAnswer> {
    return this.call(tenantId, customerId, 'POST', '/api/v1/orders', body, { 'idempotency-key': idempotencyKey });
  }

  async listOrders(tenantId: string, customerId: string): Promise<CheckoutAnswer> {
    return this.call(tenantId, customerId, 'GET', '/api/v1/orders');
  }

  async getOrder(tenantId: string, customerId: string | null, orderId: string): Promise<CheckoutAnswer> {
    return this.call(tenantId, customerId, 'GET', `/api/v1/orders/${encodeURIComponent(orderId)}`);
  }

  private async call(
    tenantId: string,
    customerId: string | null,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<CheckoutAnswer> {
    let { url } = await this.router.route(tenantId, 'checkout');
    const token = await this.tokens.sign('checkout', { tenantId, ...(customerId ? { customerId } : {}) });
    for (let attempt = 0; attempt < 2; attempt++) {
      let response: Response;
      try {
        response = await fetch(`${url}${path}`, {
          method,
          headers: { authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'content-type': 'application/json' }), ...headers },
          ...(body === undefined ? {} : { body: JSON.stringify(body) }),
          signal: AbortSignal.timeout(this.timeoutMs),
        });
      } catch (error) {
        throw new CheckoutUnavailableError(error);
      }
      const redirect = response.headers.get('x-checkout-shard-url');
      if (response.status === 421 && redirect && attempt === 0) {
        url = redirect;
        continue;
      }
      const text = await response.text();
      return { statusCode: response.status, body: text ? JSON.parse(text) : null };
    }
    throw new CheckoutUnavailableError(new Error('checkout shards disagree about this store'));
  }
}
