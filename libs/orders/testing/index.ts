/** Test fixtures for checkout: catalog rows written straight into a tenant schema, and wiring. */
import type { TenantContext } from '@storefront/contracts';
import { SecretKeyring } from '@storefront/credentials';
import { SECRET_CANARIES } from '@storefront/testing';
import type { TenancyServices } from '@storefront/tenancy';
import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import {
  createStandardPaymentGateways,
  FlashSaleGate,
  PaymentConfirmations,
  OrderLifecycleService,
  PaymentSettingsService,
  PlaceOrderService,
  type PaymentGatewayStrategy,
  type PlaceOrderInput,
} from '../src';

export interface SeedVariant {
  readonly sku?: string;
  readonly price?: number;
  readonly currency?: string;
  readonly stock: number;
  readonly flashSale?: boolean;
}

/** A product with one variant; returns the SKU. (The catalog module owns the real write path.) */
export async function seedVariant(tenancy: TenancyServices, ctx: TenantContext, seed: SeedVariant): Promise<string> {
  const sku = seed.sku ?? `SKU-${randomUUID().slice(0, 8)}`;
  await tenancy.unitOfWork.run(ctx, async (tx) => {
    const [product] = await tx.query<{ id: string }[]>(
      `INSERT INTO products (slug, title, price_amount, currency) VALUES ($1, $2, $3, $4) RETURNING id`,
      [sku.toLowerCase(), `Product ${sku}`, seed.price ?? 1_000, seed.currency ?? 'EUR'],
    );
    await tx.query('INSERT INTO variants (product_id, sku, stock, flash_sale) VALUES ($1, $2, $3, $4)', [
      product!.id,
      sku,
      seed.stock,
      seed.flashSale ?? false,
    ]);
  });
  return sku;
}

export async function stockOf(tenancy: TenancyServices, ctx: TenantContext, sku: string): Promise<number> {
  const [row] = await tenancy.unitOfWork.run(ctx, (tx) => tx.query<{ stock: number }[]>('SELECT stock FROM variants WHERE sku = $1', [sku]));
  return row!.stock;
}

/** Units held by stock reservations not yet swept (a request that died after reserving leaves one). */
export async function stockHeldByReservations(tenancy: TenancyServices, ctx: TenantContext): Promise<number> {
  const [held] = await tenancy.unitOfWork.run(ctx, (tx) =>
    tx.query<{ n: number }[]>(`SELECT coalesce(sum((l->>'quantity')::int), 0)::int AS n FROM stock_reservations, jsonb_array_elements(lines) l`),
  );
  return held!.n;
}

export async function orderCount(tenancy: TenancyServices, ctx: TenantContext): Promise<number> {
  const [row] = await tenancy.unitOfWork.run(ctx, (tx) => tx.query<{ n: number }[]>('SELECT count(*)::int AS n FROM orders'));
  return row!.n;
}

/** What a checkout killed while the payment ran leaves behind: stock taken, reservation expired. */
export async function abandonReservation(tenancy: TenancyServices, ctx: TenantContext, sku: string, quantity: number): Promise<void> {
  await tenancy.unitOfWork.run(ctx, async (tx) => {
    const [[variant]] = await tx.query<[{ id: string }[], number]>('UPDATE variants SET stock = stock - $2 WHERE sku = $1 RETURNING id', [
      sku,
      quantity,
    ]);
    await tx.query(`INSERT INTO stock_reservations (id, lines, expires_at) VALUES ($1, $2, now() - interval '1 minute')`, [
      randomUUID(),
      JSON.stringify([{ variantId: variant!.id, quantity }]),
    ]);
  });
}

export const TEST_ADDRESS = { name: 'Ada Buyer', line1: '1 Test Street', city: 'Testville', postalCode: '12345', country: 'DE' } as const;

export function orderInput(lines: PlaceOrderInput['lines'], overrides: Partial<PlaceOrderInput> = {}): PlaceOrderInput {
  return { lines, paymentMethod: 'test-card', paymentToken: 'tok_success', shippingAddress: TEST_ADDRESS, ...overrides };
}

/** Checkout's services on the test tenancy, with a keyring of their own for stores' provider secrets. */
export function createTestCheckout(
  tenancy: TenancyServices,
  redis: Redis,
  options: { paymentTimeoutMs?: number; stripeApiUrl?: string; overrides?: readonly PaymentGatewayStrategy[]; clock?: () => Date } = {},
) {
  const keyring = new SecretKeyring(SecretKeyring.generateSpec());
  const gateways = createStandardPaymentGateways({
    unitOfWork: tenancy.unitOfWork,
    keyring,
    timeoutMs: options.paymentTimeoutMs ?? 300,
    ...(options.stripeApiUrl ? { stripeApiUrl: options.stripeApiUrl } : {}),
    ...(options.overrides ? { overrides: options.overrides } : {}),
  });
  // Entries outlive the slowest test, so assertions on them do not race the expiry.
  const flashGate = new FlashSaleGate(redis, 600);
  return {
    gateways,
    paymentSettings: new PaymentSettingsService(tenancy.unitOfWork, keyring, (tenantId) => gateways.settings.forget(tenantId)),
    flashGate,
    placeOrder: new PlaceOrderService({ unitOfWork: tenancy.unitOfWork, gateways, flashGate, ...(options.clock ? { clock: options.clock } : {}) }),
    confirmations: new PaymentConfirmations(tenancy.unitOfWork, gateways, flashGate),
    lifecycle: new OrderLifecycleService(tenancy.unitOfWork, gateways, flashGate),
  };
}

export { startStripeMock, type StripeMockServer } from '../test/stripe-mock-server';
export { startStripeFaultProxy, STRIPE_AUTHENTICATION_URL, useStripeFaultProxy, type StripeFaultProxy, type StripeFaultProxyOptions } from '../test/stripe-fault-proxy';

/** Stripe test keys stripe-mock accepts; the secret ones are canaries no log of the run may contain. */
export const STRIPE_TEST_KEYS = {
  enabled: true,
  publishableKey: 'pk_test_123',
  secretKey: SECRET_CANARIES.stripeSecretKey,
  webhookSecret: SECRET_CANARIES.stripeWebhookSecret,
} as const;
