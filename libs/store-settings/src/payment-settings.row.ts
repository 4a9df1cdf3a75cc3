import type { PaymentMethod, PaymentMode, StorePaymentOptions } from '@storefront/contracts';
import type { SealedSecret } from '@storefront/credentials';
import type { TenantTransaction } from '@storefront/tenancy';

/** The `payment_settings` row of a tenant (tenant migration 0011), as stored. */
export interface PaymentSettingsRow {
  readonly mode: PaymentMode;
  readonly cashOnDelivery: boolean;
  readonly bankTransfer: boolean;
  readonly bankTransferInstructions: string;
  readonly stripe: boolean;
  readonly stripePublishableKey: string | null;
  readonly stripeSecretKey: SealedSecret | null;
  readonly stripeWebhookSecret: SealedSecret | null;
  /** Bumped on every change: caches of opened secrets and Stripe clients are keyed by it. */
  readonly version: number;
  readonly updatedAt: Date;
}

interface StoredRow {
  mode: PaymentMode;
  cash_on_delivery: boolean;
  bank_transfer: boolean;
  bank_transfer_instructions: string;
  stripe: boolean;
  stripe_publishable_key: string | null;
  stripe_secret_key: SealedSecret | null;
  stripe_webhook_secret: SealedSecret | null;
  version: number;
  updated_at: Date;
}

export async function readPaymentSettings(tx: TenantTransaction, options: { forUpdate?: boolean } = {}): Promise<PaymentSettingsRow> {
  const [row] = await tx.query<StoredRow[]>(`SELECT * FROM payment_settings WHERE id = 1${options.forUpdate ? ' FOR UPDATE' : ''}`);
  if (!row) throw new Error('the tenant schema has no payment_settings row (tenant migration 0011)');
  return {
    mode: row.mode,
    cashOnDelivery: row.cash_on_delivery,
    bankTransfer: row.bank_transfer,
    bankTransferInstructions: row.bank_transfer_instructions,
    stripe: row.stripe,
    stripePublishableKey: row.stripe_publishable_key,
    stripeSecretKey: row.stripe_secret_key,
    stripeWebhookSecret: row.stripe_webhook_secret,
    version: row.version,
    updatedAt: row.updated_at,
  };
}

/** Writes the row and bumps its version; returns the stored row. */
export async function writePaymentSettings(tx: TenantTransaction, row: Omit<PaymentSettingsRow, 'version' | 'updatedAt'>): Promise<PaymentSettingsRow> {
  await tx.query(
    `UPDATE payment_settings SET mode = $1, cash_on_delivery = $2, bank_transfer = $3, bank_transfer_instructions = $4,
       stripe = $5, stripe_publishable_key = $6, stripe_secret_key = $7, stripe_webhook_secret = $8,
       version = version + 1, updated_at = now()
     WHERE id = 1`,
    [
      row.mode,
      row.cashOnDelivery,
      row.bankTransfer,
      row.bankTransferInstructions,
      row.stripe,
      row.stripePublishableKey,
      row.stripeSecretKey ? JSON.stringify(row.stripeSecretKey) : null,
      row.stripeWebhookSecret ? JSON.stringify(row.stripeWebhookSecret) : null,
    ],
  );
  return readPaymentSettings(tx);
}

/** The methods a store accepts now: the test card only in test mode, Stripe only with its keys. */
export function acceptedMethodsOf(row: PaymentSettingsRow): PaymentMethod[] {
  const methods: PaymentMethod[] = [];
  if (row.stripe && row.stripeSecretKey) methods.push('stripe');
  if (row.mode === 'test') methods.push('test-card');
  if (row.bankTransfer) methods.push('bank-transfer');
  if (row.cashOnDelivery) methods.push('cod');
  return methods;
}

export function paymentOptionsOf(row: PaymentSettingsRow): StorePaymentOptions {
  const methods = acceptedMethodsOf(row);
  return {
    mode: row.mode,
    methods,
    bankTransferInstructions: methods.includes('bank-transfer') ? row.bankTransferInstructions : null,
    stripePublishableKey: methods.includes('stripe') ? row.stripePublishableKey : null,
  };
}

/** A store's payment options read straight from its schema (the storefront, with its tenant role). */
export async function readStorePaymentOptions(tx: TenantTransaction): Promise<StorePaymentOptions> {
  return paymentOptionsOf(await readPaymentSettings(tx));
}
