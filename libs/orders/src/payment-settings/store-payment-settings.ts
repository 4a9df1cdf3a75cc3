import type { StorePaymentOptions, TenantContext } from '@storefront/contracts';
import type { SealedSecret, SecretKeyring } from '@storefront/credentials';
import type { TenantTransaction, TenantUnitOfWork } from '@storefront/tenancy';
import { LRUCache } from 'lru-cache';
import { PaymentSecretsUnavailableError } from '../checkout-errors';
import { paymentOptionsOf, readPaymentSettings, type PaymentSettingsRow } from '@storefront/store-settings';
import { sealingContext, type SealedField } from './payment-settings.service';

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
  /** The row and what it offers, worked out once per load (asked on every checkout). */
  private readonly rows: LRUCache<string, { readonly row: PaymentSettingsRow; readonly options: StorePaymentOptions }>;

  constructor(
    private readonly uow: TenantUnitOfWork,
    private readonly keyring: SecretKeyring | null,
    { ttlMs = 5_000, max = 10_000 }: { ttlMs?: number; max?: number } = {},
  ) {
    this.rows = new LRUCache({ max, ttl: ttlMs });
  }

  /** Read through `tx` when given (a caller holding locks must not wait for a second connection). */
  async row(ctx: TenantContext, tx?: TenantTransaction): Promise<PaymentSettingsRow> {
    return (await this.load(ctx, tx)).row;
  }

  async options(ctx: TenantContext, tx?: TenantTransaction): Promise<StorePaymentOptions> {
    return (await this.load(ctx, tx)).options;
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

  private async load(ctx: TenantContext, tx?: TenantTransaction): Promise<{ row: PaymentSettingsRow; options: StorePaymentOptions }> {
    const cached = this.rows.get(ctx.tenantId);
    if (cached) return cached;
    const row = tx ? await readPaymentSettings(tx) : await this.uow.run(ctx, (own) => readPaymentSettings(own));
    const loaded = { row, options: paymentOptionsOf(row) };
    this.rows.set(ctx.tenantId, loaded);
    return loaded;
  }

  forget(tenantId: string): void {
    this.rows.delete(tenantId);
  }

  private open(ctx: TenantContext, sealed: SealedSecret, field: SealedField): string {
    if (!this.keyring) throw new PaymentSecretsUnavailableError();
    return this.keyring.open(sealed, sealingContext(ctx.tenantId, field));
  }
}
