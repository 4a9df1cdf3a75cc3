/** Whether a store takes real money (`live`) or only the built-in test card and test keys (`test`). */
export const PAYMENT_MODES = ['test', 'live'] as const;
export type PaymentMode = (typeof PAYMENT_MODES)[number];

/** Every way a shopper can pay; which of them a store accepts is in its payment settings. */
export const PAYMENT_METHODS = ['test-card', 'cod', 'bank-transfer', 'stripe'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

/**
 * A store's payment settings as its merchant sees them. Secrets are never in it: a set Stripe
 * secret key is shown by its mode and last four characters only, the webhook secret by whether
 * it is set.
 */
export interface PaymentSettingsView {
  readonly mode: PaymentMode;
  readonly cashOnDelivery: { readonly enabled: boolean };
  readonly bankTransfer: { readonly enabled: boolean; readonly instructions: string };
  readonly stripe: {
    readonly enabled: boolean;
    readonly publishableKey: string | null;
    /** e.g. `sk_test_…1234`; null when no secret key is stored. */
    readonly secretKeyHint: string | null;
    readonly webhookSecretSet: boolean;
    /** Where the merchant points the Stripe webhook (filled in by the platform API). */
    readonly webhookUrl?: string;
  };
  /** What checkout accepts right now, in the order the storefront offers them. */
  readonly acceptedMethods: readonly PaymentMethod[];
  readonly updatedAt: string;
}

/** A change to the payment settings; secrets are write-only (give a new value to replace one). */
export interface PaymentSettingsChange {
  readonly mode?: PaymentMode;
  readonly cashOnDelivery?: { readonly enabled: boolean };
  readonly bankTransfer?: { readonly enabled?: boolean; readonly instructions?: string };
  readonly stripe?: {
    readonly enabled?: boolean;
    readonly publishableKey?: string;
    readonly secretKey?: string;
    readonly webhookSecret?: string;
  };
}

/** What shoppers' pages need to offer payment: no secrets. */
export interface StorePaymentOptions {
  readonly mode: PaymentMode;
  readonly methods: readonly PaymentMethod[];
  readonly bankTransferInstructions: string | null;
  readonly stripePublishableKey: string | null;
}
