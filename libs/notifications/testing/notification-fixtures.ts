/** Fixtures for notification tests: a customer, a store name, a webhook endpoint, a placed order. */
import type { TenantContext } from '@storefront/contracts';
import { appendToOutbox, newDomainEvent } from '@storefront/outbox';
import { createTestCheckout, orderInput, seedVariant } from '@storefront/orders/testing';
import type { TenancyServices } from '@storefront/tenancy';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';

export async function nameStore(tenancy: TenancyServices, ctx: TenantContext, name: string): Promise<void> {
  await tenancy.unitOfWork.run(ctx, (tx) =>
    tx.query('INSERT INTO store_settings (id, name) VALUES (1, $1) ON CONFLICT (id) DO UPDATE SET name = $1', [name]),
  );
}

export async function addCustomer(tenancy: TenancyServices, ctx: TenantContext, email = `shopper-${randomUUID().slice(0, 8)}@example.com`) {
  const [row] = await tenancy.unitOfWork.run(ctx, (tx) =>
    tx.query<{ id: string }[]>("INSERT INTO customers (email, password_hash) VALUES ($1, 'not-a-hash') RETURNING id", [email]),
  );
  return { id: row!.id, email };
}

export async function addWebhookEndpoint(tenancy: TenancyServices, ctx: TenantContext, url: string, events = ['order.placed']) {
  const secret = `whsec_${randomUUID()}`;
  const [row] = await tenancy.unitOfWork.run(ctx, (tx) =>
    tx.query<{ id: string }[]>('INSERT INTO webhook_endpoints (url, events, secret) VALUES ($1, $2, $3) RETURNING id', [url, events, secret]),
  );
  return { id: row!.id, secret };
}

/** Places a real order through checkout's service, which writes `order.placed` to the outbox. */
export async function placeOrder(
  tenancy: TenancyServices,
  redis: Redis,
  ctx: TenantContext,
  options: { customerId?: string; products?: { title: string; price: number; quantity: number }[] } = {},
) {
  const products = options.products ?? [{ title: 'Product', price: 1_000, quantity: 1 }];
  const lines = [];
  for (const product of products) {
    const sku = await seedVariant(tenancy, ctx, { stock: 100, price: product.price });
    await tenancy.unitOfWork.run(ctx, (tx) => tx.query('UPDATE products SET title = $1 WHERE slug = $2', [product.title, sku.toLowerCase()]));
    lines.push({ sku, quantity: product.quantity });
  }
  const checkout = createTestCheckout(tenancy, redis);
  const placed = await checkout.placeOrder.placeOrder(ctx, orderInput(lines, options.customerId ? { customerId: options.customerId } : {}));
  return { orderId: (placed.body as { orderId: string }).orderId, skus: lines.map((l) => l.sku) };
}

/** A connection to its own Redis database of the test server, so shard queues of different test files never meet. */
export function redisOnDatabase(database: number, maxRetriesPerRequest: number | null = 3): Redis {
  const url = new URL(process.env.TEST_REDIS_URL!);
  url.pathname = `/${database}`;
  return new Redis(url.toString(), { maxRetriesPerRequest });
}

/** Writes an event to the outbox as its producer would (in the tenant's transaction). */
export async function appendEvent(tenancy: TenancyServices, ctx: TenantContext, type: string, payload: Record<string, unknown>): Promise<string> {
  return tenancy.unitOfWork.run(ctx, async (tx) => {
    const event = newDomainEvent(ctx, type, payload);
    await appendToOutbox(tx, event);
    return event.id;
  });
}
