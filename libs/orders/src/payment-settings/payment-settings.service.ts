import type { FieldError, PaymentMode, PaymentSettingsChange, PaymentSettingsView, TenantContext } from '@storefront/contracts';
import { SealedSecretUnreadableError, type SealedSecret, type SecretKeyring } from '@storefront/credentials';
import type { TenantUnitOfWork } from '@storefront/tenancy';
import { InvalidPaymentSettingsError, PaymentSecretsUnavailableError, PaymentSettingsConflictError } from '../checkout-errors';
import { acceptedMethodsOf, readPaymentSettings, writePaymentSettings, type PaymentSettingsRow } from '@storefront/store-settings';

/** What a change did, for the audit log: field paths only, never values. */
export interface PaymentSettingsUpdate {
  readonly settings: PaymentSettingsView;
  readonly changed: readonly string[];
}

/** Called after a change commits (checkout forgets its cached settings and Stripe clients). */
export type PaymentSettingsChangeListener = (tenantId: string) => void;

const STRIPE_KEY = /^(sk|rk|pk)_(test|live)_/;

/** The GCM context a store's sealed secret is bound to: it opens for that store and field only. */
/** The settings fields stored sealed. */
export type SealedField = 'stripe.secretKey' | 'stripe.webhookSecret';

export function sealingContext(tenantId: string, field: SealedField): string {
  return `${tenantId}:${field}`;
}

/**
 * A store's payment settings for its merchant: read (secrets masked) and change (secrets sealed
 * on the way in). Rules that span fields are checked on the settings as they would be after the
 * change, so no sequence of changes can leave a live store without a way to be paid, or a Stripe
 * key of the other mode in use.
 */
export class PaymentSettingsService {
  constructor(
    private readonly uow: TenantUnitOfWork,
    /** Null when the platform has no keyring: secrets can then be neither stored nor used. */
    private readonly keyring: SecretKeyring | null,
    private readonly onChange: PaymentSettingsChangeListener = () => undefined,
  ) {}

  async get(ctx: TenantContext): Promise<PaymentSettingsView> {
    return this.uow.run(ctx, async (tx) => this.view(ctx, await readPaymentSettings(tx)));
  }

  async update(ctx: TenantContext, change: PaymentSettingsChange): Promise<PaymentSettingsUpdate> {
    const result = await this.uow.run(ctx, async (tx) => {
      const current = await readPaymentSettings(tx, { forUpdate: true });
      const next = this.apply(ctx, current, change);
      assertCoherent(next.row, this.secretKeyMode(ctx, next.row, change));
      return { settings: this.view(ctx, await writePaymentSettings(tx, next.row)), changed: next.changed };
    });
    this.onChange(ctx.tenantId);
    return result;
  }

  private apply(ctx: TenantContext, current: PaymentSettingsRow, change: PaymentSettingsChange): { row: PaymentSettingsRow; changed: string[] } {
    const changed: string[] = [];
    const pick = <T>(path: string, given: T | undefined, was: T): T => {
      if (given === undefined || given === was) return was;
      changed.push(path);
      return given;
    };
    const seal = (path: SealedField, given: string | undefined, was: SealedSecret | null): SealedSecret | null => {
      if (given === undefined) return was;
      if (!this.keyring) throw new PaymentSecretsUnavailableError();
      changed.push(path);
      return this.keyring.seal(given, sealingContext(ctx.tenantId, path));
    };
    const row: PaymentSettingsRow = {
      ...current,
      mode: pick('mode', change.mode, current.mode),
      cashOnDelivery: pick('cashOnDelivery.enabled', change.cashOnDelivery?.enabled, current.cashOnDelivery),
      bankTransfer: pick('bankTransfer.enabled', change.bankTransfer?.enabled, current.bankTransfer),
      bankTransferInstructions: pick('bankTransfer.instructions', change.bankTransfer?.instructions, current.bankTransferInstructions),
      stripe: pick('stripe.enabled', change.stripe?.enabled, current.stripe),
      stripePublishableKey: pick('stripe.publishableKey', change.stripe?.publishableKey, current.stripePublishableKey),
      stripeSecretKey: seal('stripe.secretKey', change.stripe?.secretKey, current.stripeSecretKey),
      stripeWebhookSecret: seal('stripe.webhookSecret', change.stripe?.webhookSecret, current.stripeWebhookSecret),
    };
    return { row, changed };
  }

  /** The mode of the Stripe secret key the settings would use (the stored one is opened to tell). */
  private secretKeyMode(ctx: TenantContext, row: PaymentSettingsRow, change: PaymentSettingsChange): PaymentMode | null {
    if (change.stripe?.secretKey !== undefined) return keyMode(change.stripe.secretKey);
    if (!row.stripe || !row.stripeSecretKey) return null;
    if (!this.keyring) throw new PaymentSecretsUnavailableError();
    try {
      return keyMode(this.keyring.open(row.stripeSecretKey, sealingContext(ctx.tenantId, 'stripe.secretKey')));
    } catch (error) {
      if (!(error instanceof SealedSecretUnreadableError)) throw error;
      throw new PaymentSettingsConflictError('stored_secret_unreadable', 'the stored Stripe secret key cannot be opened with the platform keyring; enter it again', [
        { field: 'stripe.secretKey', message: 'enter the secret key again' },
      ]);
    }
  }

  private view(ctx: TenantContext, row: PaymentSettingsRow): PaymentSettingsView {
    return {
      mode: row.mode,
      cashOnDelivery: { enabled: row.cashOnDelivery },
      bankTransfer: { enabled: row.bankTransfer, instructions: row.bankTransferInstructions },
      stripe: {
        enabled: row.stripe,
        publishableKey: row.stripePublishableKey,
        secretKeyHint: row.stripeSecretKey ? this.hintOf(ctx, row.stripeSecretKey) : null,
        webhookSecretSet: row.stripeWebhookSecret !== null,
      },
      acceptedMethods: acceptedMethodsOf(row),
      updatedAt: row.updatedAt.toISOString(),
    };
  }

  /** `sk_live_…abcd`: enough for the merchant to tell keys apart, too little to use. */
  private hintOf(ctx: TenantContext, sealed: SealedSecret): string {
    if (!this.keyring) return 'set (unreadable without the platform keyring)';
    let key: string;
    try {
      key = this.keyring.open(sealed, sealingContext(ctx.tenantId, 'stripe.secretKey'));
    } catch (error) {
      // A platform key removed too early, or a restored row: the page must still load to fix it.
      if (error instanceof SealedSecretUnreadableError) return 'set, but unreadable: enter it again';
      throw error;
    }
    const prefix = STRIPE_KEY.exec(key)?.[0] ?? '';
    return `${prefix}…${key.slice(-4)}`;
  }
}

function keyMode(key: string): PaymentMode | null {
  const mode = STRIPE_KEY.exec(key)?.[2];
  return mode === 'test' || mode === 'live' ? mode : null;
}

/** The rules that span fields, on the settings as they would be stored. */
function assertCoherent(row: PaymentSettingsRow, secretKeyMode: PaymentMode | null): void {
  const missing: FieldError[] = [];
  if (row.bankTransfer && row.bankTransferInstructions.trim() === '') {
    missing.push({ field: 'bankTransfer.instructions', message: 'shoppers need instructions (account, reference) to pay by bank transfer' });
  }
  if (row.stripe && !row.stripePublishableKey) missing.push({ field: 'stripe.publishableKey', message: 'is required to accept Stripe' });
  if (row.stripe && !row.stripeSecretKey) missing.push({ field: 'stripe.secretKey', message: 'is required to accept Stripe' });
  if (missing.length > 0) throw new InvalidPaymentSettingsError('the payment settings are incomplete', missing);

  if (row.stripe) {
    const mismatched: FieldError[] = [];
    if (keyMode(row.stripePublishableKey!) !== row.mode) mismatched.push({ field: 'stripe.publishableKey', message: `must be a ${row.mode} key (pk_${row.mode}_…)` });
    if (secretKeyMode !== row.mode) mismatched.push({ field: 'stripe.secretKey', message: `must be a ${row.mode} key (sk_${row.mode}_… or rk_${row.mode}_…)` });
    if (mismatched.length > 0) {
      throw new PaymentSettingsConflictError('stripe_key_mode_mismatch', `a store in ${row.mode} mode uses Stripe ${row.mode} keys`, mismatched);
    }
  }
  if (row.mode === 'live' && !row.cashOnDelivery && !row.bankTransfer && !row.stripe) {
    throw new PaymentSettingsConflictError('no_live_payment_method', 'a live store needs at least one way to be paid: enable Stripe, bank transfer or cash on delivery first', [
      { field: 'mode', message: 'enable a payment method before going live' },
    ]);
  }
}
