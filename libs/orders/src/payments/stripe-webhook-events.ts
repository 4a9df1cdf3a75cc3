import type { TenantContext } from '@storefront/contracts';
import Stripe from 'stripe';
import { CheckoutError } from '../checkout-errors';
import type { StorePaymentSettings } from '../payment-settings/store-payment-settings';

/** A webhook delivery that is not provably from Stripe for this store: nothing changes. */
export class InvalidStripeWebhookError extends CheckoutError {
  readonly statusCode = 400;
  readonly code = 'invalid_webhook_signature';
}

/**
 * Verifies a Stripe webhook delivery with the store's own signing secret (the `Stripe-Signature`
 * header over the exact bytes Stripe sent, with its timestamp tolerance against replays) and
 * answers the event. Another store's secret, a changed byte or an old delivery is refused.
 */
export async function verifiedStripeEvent(settings: StorePaymentSettings, ctx: TenantContext, payload: string, signature: string | undefined): Promise<Stripe.Event> {
  if (!signature) throw new InvalidStripeWebhookError('the Stripe-Signature header is missing');
  const secret = await settings.stripeWebhookSecret(ctx);
  if (!secret) throw new InvalidStripeWebhookError('this store has no Stripe webhook signing secret in its payment settings');
  try {
    return Stripe.webhooks.constructEvent(payload, signature, secret);
  } catch (error) {
    if (error instanceof Stripe.errors.StripeSignatureVerificationError) throw new InvalidStripeWebhookError('the Stripe signature does not match this store\'s webhook secret');
    throw error;
  }
}
