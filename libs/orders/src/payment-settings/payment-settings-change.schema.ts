import { PAYMENT_MODES } from '@storefront/contracts';
import { atLeastOneField } from '@storefront/service-runtime';
import { z } from 'zod';

const enabled = z.boolean({ error: 'must be true or false' });
/** Stripe keys are written by Stripe as prefix_mode_random; the mode is checked against the store's. */
const stripeKey = (prefixes: string, example: string) =>
  z.string().trim().regex(new RegExp(`^(${prefixes})_(test|live)_[A-Za-z0-9]+$`), `must be a Stripe key such as ${example}`).max(255);

/**
 * A change to a store's payment settings; every part optional, at least one given. The checkout
 * shard that applies it and the platform API that forwards it (and documents it) both check it.
 */
export const paymentSettingsChangeSchema = atLeastOneField(
  z.strictObject({
    mode: z.enum(PAYMENT_MODES, { error: 'must be test or live' }),
    cashOnDelivery: z.strictObject({ enabled }),
    bankTransfer: z.strictObject({ enabled, instructions: z.string().trim().max(2_000, 'must be at most 2000 characters') }).partial(),
    stripe: z
      .strictObject({
        enabled,
        publishableKey: stripeKey('pk', 'pk_test_…'),
        secretKey: stripeKey('sk|rk', 'sk_test_…'),
        webhookSecret: z.string().trim().regex(/^whsec_[A-Za-z0-9+/=_-]+$/, 'must be a Stripe webhook signing secret (whsec_…)').max(255),
      })
      .partial(),
  }).partial(),
  'give at least one setting to change',
);
