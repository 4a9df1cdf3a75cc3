import type { TenantContext } from '@storefront/contracts';
import type { SecretKeyring } from '@storefront/credentials';
import { readPaymentSettings, writePaymentSettings } from '@storefront/store-settings';
import type { TenantUnitOfWork } from '@storefront/tenancy';
import { sealingContext } from './payment-settings.service';

/**
 * Moves a store's sealed provider secrets to the keyring's current key (its data keys are
 * re-wrapped; the secrets themselves are never decrypted to disk). True when something moved.
 * After every store answered false, the old key can leave the keyring.
 */
export async function rewrapPaymentSecrets(uow: TenantUnitOfWork, ctx: TenantContext, keyring: SecretKeyring): Promise<boolean> {
  return uow.run(ctx, async (tx) => {
    const row = await readPaymentSettings(tx, { forUpdate: true });
    const stale = [row.stripeSecretKey, row.stripeWebhookSecret].some((sealed) => sealed && keyring.isStale(sealed));
    if (!stale) return false;
    await writePaymentSettings(tx, {
      ...row,
      stripeSecretKey: row.stripeSecretKey && keyring.rewrap(row.stripeSecretKey, sealingContext(ctx.tenantId, 'stripe.secretKey')),
      stripeWebhookSecret: row.stripeWebhookSecret && keyring.rewrap(row.stripeWebhookSecret, sealingContext(ctx.tenantId, 'stripe.webhookSecret')),
    });
    return true;
  });
}
