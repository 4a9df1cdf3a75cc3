import { AuditLogEntryEntity, type DatabaseClusters } from '@storefront/database';
import type { PaymentSettingsChange, PaymentSettingsView } from '@storefront/contracts';
import type { ShardAnswer, ShardClient } from '@storefront/service-runtime';
import type { MerchantPrincipal } from '../auth/principals';
import { askShard } from '../http/shard-forwarding';
import type { StoreUrls } from '../store/store-urls';

const WHAT = 'payment settings';

/** The path on every store's own address where Stripe delivers that store's events. */
export const STRIPE_WEBHOOK_PATH = '/api/v1/payments/stripe/webhook';

/**
 * The merchant's payment settings, kept by the checkout shard that owns the store (the only
 * service that can seal and open provider secrets). This side adds what only the platform knows
 * (the store's webhook address) and writes each change to the audit log: who, which fields,
 * never a value.
 */
export class MerchantPaymentSettings {
  constructor(
    private readonly checkout: ShardClient | null,
    private readonly clusters: DatabaseClusters,
    private readonly urls: StoreUrls,
  ) {}

  async get(merchant: MerchantPrincipal): Promise<ShardAnswer> {
    return this.withWebhookUrl(merchant, await askShard(this.checkout, WHAT, merchant, 'GET', '/api/v1/payment-settings'));
  }

  async change(merchant: MerchantPrincipal, change: PaymentSettingsChange): Promise<ShardAnswer> {
    const answer = await askShard(this.checkout, WHAT, merchant, 'PATCH', '/api/v1/payment-settings', change);
    if (answer.statusCode !== 200) return answer;
    const { settings, changed } = answer.body as { settings: PaymentSettingsView; changed: string[] };
    await this.clusters.primary.getRepository(AuditLogEntryEntity).insert({
      actor: merchant.accountId,
      action: 'store.payment_settings_changed',
      tenantId: merchant.tenant.id,
      details: { changed, mode: settings.mode, acceptedMethods: settings.acceptedMethods },
    });
    return this.withWebhookUrl(merchant, { statusCode: 200, body: settings });
  }

  private withWebhookUrl(merchant: MerchantPrincipal, answer: ShardAnswer): ShardAnswer {
    if (answer.statusCode !== 200) return answer;
    const settings = answer.body as PaymentSettingsView;
    const webhookUrl = `${this.urls.forSlug(merchant.tenant.slug)}${STRIPE_WEBHOOK_PATH}`;
    return { statusCode: 200, body: { ...settings, stripe: { ...settings.stripe, webhookUrl } } };
  }
}
