import { ShardUnavailableError, type ShardAnswer, type ShardClient } from '@storefront/service-runtime';

export type CheckoutAnswer = ShardAnswer;

export class CheckoutUnavailableError extends Error {
  constructor(cause: unknown) {
    super('checkout is unavailable right now; nothing was charged. Try again in a moment.', { cause });
    this.name = 'CheckoutUnavailableError';
  }
}

/** Calls the checkout shard that owns the tenant, on behalf of the tenant and its shopper. */
export class CheckoutClient {
  constructor(private readonly shards: ShardClient) {}

  async placeOrder(tenantId: string, customerId: string | null, idempotencyKey: string, body: unknown): Promise<CheckoutAnswer> {
    return this.call(tenantId, customerId, 'POST', '/api/v1/orders', body, { 'idempotency-key': idempotencyKey });
  }

  /** What the cart would cost (promotions, code, shipping, tax); nothing is reserved. */
  async quote(tenantId: string, customerId: string | null, body: unknown): Promise<CheckoutAnswer> {
    return this.call(tenantId, customerId, 'POST', '/api/v1/quotes', body);
  }

  async listOrders(tenantId: string, customerId: string): Promise<CheckoutAnswer> {
    return this.call(tenantId, customerId, 'GET', '/api/v1/orders');
  }

  async getOrder(tenantId: string, customerId: string | null, orderId: string): Promise<CheckoutAnswer> {
    return this.call(tenantId, customerId, 'GET', `/api/v1/orders/${encodeURIComponent(orderId)}`);
  }

  /** Asks checkout to settle a payment the shopper just confirmed with their bank. */
  async refreshPayment(tenantId: string, customerId: string | null, orderId: string): Promise<CheckoutAnswer> {
    return this.call(tenantId, customerId, 'POST', `/api/v1/orders/${encodeURIComponent(orderId)}/payment/refresh`);
  }

  /** Hands a Stripe delivery (exact bytes and signature) to the store's checkout shard, which verifies it. */
  async stripeWebhook(tenantId: string, payload: string, signature: string | undefined): Promise<CheckoutAnswer> {
    return this.call(tenantId, null, 'POST', '/api/v1/stripe-webhook', { payload, ...(signature ? { signature } : {}) });
  }

  private async call(
    tenantId: string,
    customerId: string | null,
    method: string,
    path: string,
    body?: unknown,
    headers: Record<string, string> = {},
  ): Promise<CheckoutAnswer> {
    try {
      return await this.shards.request({ kind: 'shopper', tenantId, ...(customerId ? { customerId } : {}) }, method, path, { ...(body === undefined ? {} : { body }), headers });
    } catch (error) {
      if (error instanceof ShardUnavailableError) throw new CheckoutUnavailableError(error);
      throw error;
    }
  }
}
