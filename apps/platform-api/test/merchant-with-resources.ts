import { HostClient } from '@storefront/testing';
import { randomUUID } from 'node:crypto';
import { tShirtProduct, type SignedUpMerchant } from './platform-api-harness';
import type { PlatformWithShards } from './platform-with-shards';

export interface MerchantWithResources {
  readonly merchant: SignedUpMerchant;
  /** Real values for the platform API's path parameters, by path template. */
  readonly pathParameters: Record<string, Record<string, string>>;
}

/**
 * A merchant whose store has one of everything a path can name: a product with variants, a
 * category, a webhook endpoint and a paid order (placed by a shopper at the storefront).
 */
export async function merchantWithResources({ api, platform }: PlatformWithShards): Promise<MerchantWithResources> {
  const merchant = await api.signupMerchant();
  const create = async (path: string, body: unknown): Promise<{ id: string; variants?: { id: string; sku: string }[] }> => {
    const answer = await api.request('POST', path, { token: merchant.token, body });
    if (answer.status !== 201) throw new Error(`POST ${path} answered ${answer.status}: ${JSON.stringify(answer.body)}`);
    return answer.body;
  };
  const product = await create('/api/v1/products', { ...tShirtProduct(), status: 'active' });
  const category = await create('/api/v1/categories', { name: 'Shirts' });
  const webhook = await create('/api/v1/store/webhooks', { url: 'https://hooks.example.com/orders', events: ['order.placed'] });
  const [variant] = product.variants!;

  const shopper = new HostClient(platform.storefront.url, `${merchant.slug}.shop.test`);
  await shopper.json('POST', '/api/v1/cart/items', { sku: variant!.sku, quantity: 1 });
  const placed = await shopper.json(
    'POST',
    '/api/v1/checkout',
    { paymentMethod: 'test-card', paymentToken: 'tok_success', shippingAddress: { name: 'Ada', line1: '1 Street', city: 'London', postalCode: 'N1 1AA', country: 'GB' } },
    { 'idempotency-key': `order-${randomUUID()}` },
  );
  if (placed.status !== 201) throw new Error(`checkout answered ${placed.status}: ${JSON.stringify(placed.body)}`);
  const orderId = placed.body.orderId as string;

  return {
    merchant,
    pathParameters: {
      '/api/v1/products/{id}': { id: product.id },
      '/api/v1/products/{productId}/variants': { productId: product.id },
      '/api/v1/variants/{id}': { id: variant!.id },
      '/api/v1/variants/{variantId}/stock-adjustments': { variantId: variant!.id },
      '/api/v1/categories/{id}': { id: category.id },
      '/api/v1/store/webhooks/{id}': { id: webhook.id },
      '/api/v1/orders/{id}': { id: orderId },
      '/api/v1/orders/{id}/fulfil': { id: orderId },
      '/api/v1/orders/{id}/cancel': { id: orderId },
      '/api/v1/orders/{id}/refund': { id: orderId },
    },
  };
}
