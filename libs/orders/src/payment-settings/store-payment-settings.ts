import type { StorePaymentOptions, TenantContext } from '@storefront/contracts';
import type { SecretKeyring } from '@storefront/credentials';
import type { TenantTransaction, TenantUnitOfWork } from '@storefront/tenancy';
import { LRUCache } from 'lru-cache';
import { PaymentSecretsUnavailableError } from '../checkout-errors';
import { paymentOptionsOf, readPaymentSettings, type PaymentSettingsRow } from '@storefront/store-settings';
import { sealingContext } from './payment-settings.service';

/** An opened Stripe secret with the settings version it came from (clients are cached by it). */
export interface OpenedSecret {
  readonly value: string;
  readonly version: number;
}

/**
 * The payment settings checkout works with, per store, cached briefly: a change made through
 * this process is seen at once (`forget`), one made through another replica within `ttlMs`.
 * Secrets stay sealed in the cache and are opened only when a gateway needs them.
 */
export class StorePaymentSettings {
  private readonly rows: LRUCache<string, PaymentSettingsRow>;

  constructor(
    private readonly uow: TenantUnitOfWork,
    private readonly keyring: SecretKeyring | null,
    { ttlMs = 5_000, max = 10_000 }: { ttlMs?: number; max?: number } = {},
  ) {
    this.rows = new LRUCache({ max, ttl: ttlMs });
  }

  /** Read through `tx` when given (a caller holding locks must not wait for a second connection). */
  async row(ctx: TenantContext, tx?: TenantTransaction): Promise<PaymentSettingsRow> {
    const cached = this.rows.get(ctx.tenantId);
    if (cached) return cached;
    const row = tx ? await readPaymentSettings(tx) : await this.uow.run(ctx, (own) => readPaymentSettings(own));
    this.rows.set(ctx.tenantId, row);
    return row;
  }

  async options(ctx: TenantContext, tx?: TenantTransaction): Promise<StorePaymentOptions> {
    return paymentOptionsOf(await this.row(ctx, tx));
  }

  /** The store's Stripe secret key, or null when none is stored. */
  async stripeSecretKey(ctx: TenantContext): Promise<OpenedSecret | null> {
    const row = await this.row(ctx);
    return row.stripeSecretKey ? { value: this.open(ctx, row.stripeSecretKey, 'stripe.secretKey'), version: row.version } : null;
  }

  /** The secret Stripe signs this store's webhook events with, or null when none is stored. */
  async stripeWebhookSecret(ctx: TenantContext): Promise<string | null> {
    const row = await this.row(ctx);
    return row.stripeWebhookSecret ? this.open(ctx, row.stripeWebhookSecret, 'stripe.webhookSecret') : null;
  }

  /** False on a shard without the platform keyring: no provider secret can be opened here. */
  get canOpenSecrets(): boolean {
    return this.keyring !== null;
  }

  forget(tenantId: string): void {
    this.rows.delete(tenantId);
  }

  private open(ctx: TenantContext, sealed: NonNullable<PaymentSettingsRow['stripeSecretKey']>, field: 'stripe.secretKey' | 'stripe.webhookSecret'): string {
    if (!this.keyring) throw new PaymentSecretsUnavailableError();
    return this.keyring.open(sealed, sealingContext(ctx.tenantId, field));
  }
}
