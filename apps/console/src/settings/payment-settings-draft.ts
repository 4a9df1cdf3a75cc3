import type { FieldErrors } from '../ui/field-errors';
import type { PaymentMethod, PaymentMode, PaymentSettingsChange, PaymentSettingsView } from '@storefront/contracts';

/** The payment form as typed. Secret inputs start empty: the API never returns a secret. */
export interface PaymentSettingsDraft {
  readonly mode: PaymentMode;
  readonly cashOnDelivery: boolean;
  readonly bankTransfer: boolean;
  readonly bankTransferInstructions: string;
  readonly stripe: boolean;
  readonly stripePublishableKey: string;
  /** A new secret key to replace the stored one; empty keeps it. */
  readonly stripeSecretKey: string;
  /** A new webhook signing secret to replace the stored one; empty keeps it. */
  readonly stripeWebhookSecret: string;
}

export const PAYMENT_METHOD_LABELS: Readonly<Record<PaymentMethod, string>> = {
  stripe: 'Stripe (cards)',
  'test-card': 'Test card',
  'bank-transfer': 'Bank transfer',
  cod: 'Cash on delivery',
};

export function draftOf(view: PaymentSettingsView): PaymentSettingsDraft {
  return {
    mode: view.mode,
    cashOnDelivery: view.cashOnDelivery.enabled,
    bankTransfer: view.bankTransfer.enabled,
    bankTransferInstructions: view.bankTransfer.instructions,
    stripe: view.stripe.enabled,
    stripePublishableKey: view.stripe.publishableKey ?? '',
    stripeSecretKey: '',
    stripeWebhookSecret: '',
  };
}

/**
 * The PATCH body: only what differs from the stored settings, so the audit log names exactly what
 * the merchant changed; secrets only when one was typed. Null when nothing changed.
 */
export function changeOf(view: PaymentSettingsView, draft: PaymentSettingsDraft): PaymentSettingsChange | null {
  const bankTransfer = {
    ...(draft.bankTransfer !== view.bankTransfer.enabled ? { enabled: draft.bankTransfer } : {}),
    ...(draft.bankTransferInstructions !== view.bankTransfer.instructions ? { instructions: draft.bankTransferInstructions } : {}),
  };
  const stripe = {
    ...(draft.stripe !== view.stripe.enabled ? { enabled: draft.stripe } : {}),
    ...(draft.stripePublishableKey.trim() !== (view.stripe.publishableKey ?? '') ? { publishableKey: draft.stripePublishableKey.trim() } : {}),
    ...(draft.stripeSecretKey.trim() ? { secretKey: draft.stripeSecretKey.trim() } : {}),
    ...(draft.stripeWebhookSecret.trim() ? { webhookSecret: draft.stripeWebhookSecret.trim() } : {}),
  };
  const change: PaymentSettingsChange = {
    ...(draft.mode !== view.mode ? { mode: draft.mode } : {}),
    ...(draft.cashOnDelivery !== view.cashOnDelivery.enabled ? { cashOnDelivery: { enabled: draft.cashOnDelivery } } : {}),
    ...(Object.keys(bankTransfer).length ? { bankTransfer } : {}),
    ...(Object.keys(stripe).length ? { stripe } : {}),
  };
  return Object.keys(change).length ? change : null;
}

/**
 * Where a refusal belongs on the page: a 409 about Stripe keys by the Stripe section, any other
 * conflict (a live store with no way to be paid) by the mode; other failures at the form's foot.
 */
export function placeOfFailure(status: number | null, errors: FieldErrors): 'mode' | 'stripe' | 'form' {
  if (status !== 409) return 'form';
  return Object.keys(errors).some((field) => field.startsWith('stripe.')) ? 'stripe' : 'mode';
}
