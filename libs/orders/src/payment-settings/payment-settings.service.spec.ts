import { provisionTestTenant, useTestTenancy } from '@storefront/tenancy/testing';
import { randomUUID } from 'node:crypto';
import { createTestCheckout, orderCount, orderInput, seedVariant, stockOf, STRIPE_TEST_KEYS } from '../../testing';
import { InvalidPaymentSettingsError, PaymentSecretsUnavailableError, PaymentSettingsConflictError } from '../checkout-errors';
import { createStandardPaymentGateways } from '../payments/standard-payment-gateways';
import { PlaceOrderService } from '../place-order/place-order.service';
import { PaymentSettingsService } from './payment-settings.service';

describe('payment settings per store', () => {
  const env = useTestTenancy();
  let checkout: ReturnType<typeof createTestCheckout>;

  beforeAll(() => {
    checkout = createTestCheckout(env.tenancy, env.redis);
  });

  const storedRow = (ctx: Parameters<typeof stockOf>[1]) =>
    env.tenancy.unitOfWork.run(ctx, async (tx) => (await tx.query<Record<string, unknown>[]>('SELECT * FROM payment_settings'))[0]!);

  it('starts a new store in test mode with the test card and cash on delivery', async () => {
    const { ctx } = await provisionTestTenant(env.tenancy);
    expect(await checkout.paymentSettings.get(ctx)).toMatchObject({
      mode: 'test',
      cashOnDelivery: { enabled: true },
      bankTransfer: { enabled: false },
      stripe: { enabled: false, publishableKey: null, secretKeyHint: null, webhookSecretSet: false },
      acceptedMethods: ['test-card', 'cod'],
    });
  });

  it('refuses the test card once the store is live, before any stock is taken; cash on delivery still sells', async () => {
    const { ctx } = await provisionTestTenant(env.tenancy);
    const sku = await seedVariant(env.tenancy, ctx, { stock: 2 });
    const update = await checkout.paymentSettings.update(ctx, { mode: 'live' });
    expect(update.changed).toEqual(['mode']);
    expect(update.settings.acceptedMethods).toEqual(['cod']);

    const refused = await checkout.placeOrder.placeOrder(ctx, orderInput([{ sku, quantity: 1 }]), randomUUID());
    expect(refused).toMatchObject({ statusCode: 400, body: { code: 'test_card_in_live_mode', details: [{ field: 'paymentMethod' }] } });
    expect([await stockOf(env.tenancy, ctx, sku), await orderCount(env.tenancy, ctx)]).toEqual([2, 0]);

    const cod = await checkout.placeOrder.placeOrder(ctx, orderInput([{ sku, quantity: 1 }], { paymentMethod: 'cod' }), randomUUID());
    expect(cod.statusCode).toBe(201);
  });

  it('refuses a method the store does not accept, naming the ones it does', async () => {
    const { ctx } = await provisionTestTenant(env.tenancy);
    const sku = await seedVariant(env.tenancy, ctx, { stock: 1 });
    const refused = await checkout.placeOrder.placeOrder(ctx, orderInput([{ sku, quantity: 1 }], { paymentMethod: 'bank-transfer' }), randomUUID());
    expect(refused).toMatchObject({ statusCode: 400, body: { code: 'invalid_order', details: [{ field: 'paymentMethod', message: 'one of test-card, cod' }] } });
  });

  it('keeps a live store payable: no going live without a method, no turning the last one off', async () => {
    const { ctx } = await provisionTestTenant(env.tenancy);
    await expect(checkout.paymentSettings.update(ctx, { mode: 'live', cashOnDelivery: { enabled: false } })).rejects.toMatchObject({
      constructor: PaymentSettingsConflictError,
      code: 'no_live_payment_method',
    });
    await checkout.paymentSettings.update(ctx, { mode: 'live' });
    await expect(checkout.paymentSettings.update(ctx, { cashOnDelivery: { enabled: false } })).rejects.toMatchObject({ code: 'no_live_payment_method' });
    expect((await checkout.paymentSettings.get(ctx)).cashOnDelivery.enabled).toBe(true); // nothing was written
  });

  it('asks for bank transfer instructions and for both Stripe keys, and keeps Stripe keys to the store\'s mode', async () => {
    const { ctx } = await provisionTestTenant(env.tenancy);
    await expect(checkout.paymentSettings.update(ctx, { bankTransfer: { enabled: true } })).rejects.toMatchObject({
      constructor: InvalidPaymentSettingsError,
      details: [{ field: 'bankTransfer.instructions' }],
    });
    await expect(checkout.paymentSettings.update(ctx, { stripe: { enabled: true, publishableKey: 'pk_test_1' } })).rejects.toMatchObject({
      details: [{ field: 'stripe.secretKey' }],
    });
    await checkout.paymentSettings.update(ctx, { stripe: STRIPE_TEST_KEYS });
    await expect(checkout.paymentSettings.update(ctx, { mode: 'live' })).rejects.toMatchObject({
      code: 'stripe_key_mode_mismatch',
      details: [{ field: 'stripe.publishableKey' }, { field: 'stripe.secretKey' }],
    });
    const live = await checkout.paymentSettings.update(ctx, { mode: 'live', stripe: { publishableKey: 'pk_live_abc', secretKey: 'sk_live_abcdef1234' } });
    expect(live.settings).toMatchObject({ mode: 'live', stripe: { secretKeyHint: 'sk_live_…1234' }, acceptedMethods: ['stripe', 'cod'] });
    expect(live.changed).toEqual(['mode', 'stripe.publishableKey', 'stripe.secretKey']);
  });

  it('stores provider secrets sealed and answers them masked only', async () => {
    const { ctx } = await provisionTestTenant(env.tenancy);
    const { settings } = await checkout.paymentSettings.update(ctx, { stripe: { ...STRIPE_TEST_KEYS, secretKey: 'sk_test_Secret9876', webhookSecret: 'whsec_Hidden42' } });
    expect(JSON.stringify(settings)).not.toMatch(/Secret9876|Hidden42/);
    expect(settings.stripe).toMatchObject({ secretKeyHint: 'sk_test_…9876', webhookSecretSet: true });
    expect(JSON.stringify(await storedRow(ctx))).not.toMatch(/Secret9876|Hidden42/);
    expect(await checkout.gateways.settings.stripeSecretKey(ctx)).toMatchObject({ value: 'sk_test_Secret9876' });
  });

  it('does not open a store\'s sealed secret copied into another store\'s row', async () => {
    const { ctx: a } = await provisionTestTenant(env.tenancy);
    const { ctx: b } = await provisionTestTenant(env.tenancy);
    await checkout.paymentSettings.update(a, { stripe: STRIPE_TEST_KEYS });
    await checkout.paymentSettings.update(b, { stripe: { ...STRIPE_TEST_KEYS, secretKey: 'sk_test_bbbb' } });
    const sealedOfA = (await storedRow(a)).stripe_secret_key;
    await env.tenancy.unitOfWork.run(b, (tx) => tx.query('UPDATE payment_settings SET stripe_secret_key = $1, version = version + 1', [JSON.stringify(sealedOfA)]));
    checkout.gateways.settings.forget(b.tenantId);
    await expect(checkout.gateways.settings.stripeSecretKey(b)).rejects.toThrow(/does not open/);
    // The merchant still sees the page, and is asked to enter the key again.
    expect((await checkout.paymentSettings.get(b)).stripe.secretKeyHint).toBe('set, but unreadable: enter it again');
    await expect(checkout.paymentSettings.update(b, { bankTransfer: { instructions: 'x' } })).rejects.toMatchObject({ statusCode: 409, code: 'stored_secret_unreadable' });
  });

  it('on a shard without the keyring refuses Stripe before taking stock, and does not store that 503 as the answer', async () => {
    const { ctx } = await provisionTestTenant(env.tenancy);
    await checkout.paymentSettings.update(ctx, { stripe: STRIPE_TEST_KEYS });
    const sku = await seedVariant(env.tenancy, ctx, { stock: 1 });
    const keyless = new PlaceOrderService({ unitOfWork: env.tenancy.unitOfWork, gateways: createStandardPaymentGateways({ unitOfWork: env.tenancy.unitOfWork, keyring: null, timeoutMs: 300 }), flashGate: checkout.flashGate });
    const input = orderInput([{ sku, quantity: 1 }], { paymentMethod: 'stripe', paymentToken: 'pm_card_visa' });
    const key = randomUUID();
    await expect(keyless.placeOrder(ctx, input, key)).rejects.toBeInstanceOf(PaymentSecretsUnavailableError);
    expect(await stockOf(env.tenancy, ctx, sku)).toBe(1);
    // Nothing stored under the key: a retry on a shard that has the keyring gets a real answer.
    const stored = await env.tenancy.unitOfWork.run(ctx, (tx) => tx.query("SELECT 1 FROM idempotency_keys WHERE key = $1 AND status = 'completed'", [key]));
    expect(stored).toEqual([]);
  });

  it('without a platform keyring refuses to store a secret (503) but keeps the rest working', async () => {
    const { ctx } = await provisionTestTenant(env.tenancy);
    const keyless = new PaymentSettingsService(env.tenancy.unitOfWork, null);
    await expect(keyless.update(ctx, { stripe: STRIPE_TEST_KEYS })).rejects.toBeInstanceOf(PaymentSecretsUnavailableError);
    expect((await keyless.update(ctx, { bankTransfer: { enabled: true, instructions: 'IBAN DE00 0000' } })).settings.acceptedMethods).toEqual(['test-card', 'bank-transfer', 'cod']);
  });
});
