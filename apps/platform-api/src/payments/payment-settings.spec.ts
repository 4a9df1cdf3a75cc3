import type { PaymentSettingsView } from '@storefront/contracts';
import { STRIPE_TEST_KEYS } from '@storefront/orders/testing';
import { SECRET_CANARIES } from '@storefront/testing';
import { usePlatformWithShards } from '../../test/platform-with-shards';

describe("a store's payment settings over the platform API", () => {
  const shards = usePlatformWithShards();

  const auditOf = (tenantId: string) =>
    shards.api.clusters.primary.query<{ actor: string; details: Record<string, unknown> }[]>(
      "SELECT actor, details FROM platform.audit_log WHERE tenant_id = $1 AND action = 'store.payment_settings_changed' ORDER BY id",
      [tenantId],
    );

  it('starts in test mode and tells the merchant where to point the Stripe webhook', async () => {
    const merchant = await shards.api.signupMerchant();
    const settings = await shards.api.request<PaymentSettingsView>('GET', '/api/v1/store/payment-settings', { token: merchant.token });
    expect(settings.status).toBe(200);
    expect(settings.body).toMatchObject({
      mode: 'test',
      acceptedMethods: ['test-card', 'cod'],
      stripe: { enabled: false, secretKeyHint: null, webhookUrl: `http://${merchant.slug}.shop.test:8081/api/v1/payments/stripe/webhook` },
    });
  });

  it('takes the Stripe keys write-only: answers and the audit log show a hint and field names, never a secret', async () => {
    const merchant = await shards.api.signupMerchant();
    const changed = await shards.api.request<PaymentSettingsView>('PATCH', '/api/v1/store/payment-settings', { token: merchant.token, body: { stripe: STRIPE_TEST_KEYS } });
    expect(changed.status).toBe(200);
    expect(changed.body.stripe).toMatchObject({ enabled: true, publishableKey: 'pk_test_123', secretKeyHint: 'sk_test_…9f2c', webhookSecretSet: true });
    expect(changed.body.acceptedMethods).toEqual(['stripe', 'test-card', 'cod']);
    const read = await shards.api.request('GET', '/api/v1/store/payment-settings', { token: merchant.token });
    for (const answer of [changed, read]) {
      expect(JSON.stringify(answer.body)).not.toContain(SECRET_CANARIES.stripeSecretKey);
      expect(JSON.stringify(answer.body)).not.toContain(SECRET_CANARIES.stripeWebhookSecret);
    }
    const audit = await auditOf(merchant.tenantId);
    expect(audit).toEqual([
      {
        actor: expect.stringMatching(/^[0-9a-f-]{36}$/),
        details: { changed: ['stripe.enabled', 'stripe.publishableKey', 'stripe.secretKey', 'stripe.webhookSecret'], mode: 'test', acceptedMethods: ['stripe', 'test-card', 'cod'] },
      },
    ]);
  });

  it('answers bad input with the fields (400) and settings that cannot hold together with 409; nothing is written', async () => {
    const merchant = await shards.api.signupMerchant();
    const patch = (body: unknown) => shards.api.request('PATCH', '/api/v1/store/payment-settings', { token: merchant.token, body });
    const malformed = await patch({ stripe: { secretKey: 'not a key' }, mode: 'production', tenantId: 'x' });
    expect(malformed.status).toBe(400);
    expect((malformed.body.details as { field: string }[]).map((d) => d.field).sort()).toEqual(['mode', 'stripe.secretKey', 'tenantId']);
    expect((await patch({})).status).toBe(400);
    const conflict = await patch({ mode: 'live', cashOnDelivery: { enabled: false } });
    expect(conflict).toMatchObject({ status: 409, body: { code: 'no_live_payment_method' } });
    const mismatch = await patch({ mode: 'live', stripe: STRIPE_TEST_KEYS });
    expect(mismatch).toMatchObject({ status: 409, body: { code: 'stripe_key_mode_mismatch' } });
    expect((await shards.api.request<PaymentSettingsView>('GET', '/api/v1/store/payment-settings', { token: merchant.token })).body).toMatchObject({ mode: 'test', stripe: { enabled: false } });
    expect(await auditOf(merchant.tenantId)).toEqual([]);
    expect((await shards.api.request('GET', '/api/v1/store/payment-settings')).status).toBe(401);
  });

  it("never shows one merchant another store's settings", async () => {
    const a = await shards.api.signupMerchant();
    const b = await shards.api.signupMerchant();
    await shards.api.request('PATCH', '/api/v1/store/payment-settings', { token: a.token, body: { mode: 'live', bankTransfer: { enabled: true, instructions: 'IBAN of A' } } });
    const seenByB = await shards.api.request<PaymentSettingsView>('GET', '/api/v1/store/payment-settings', { token: b.token });
    expect(seenByB.body).toMatchObject({ mode: 'test', bankTransfer: { enabled: false, instructions: '' } });
    expect(JSON.stringify(seenByB.body)).not.toContain('IBAN of A');
  });
});
