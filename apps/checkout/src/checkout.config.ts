import { positiveInt, shardIdWithinCount, shardServiceConfigSchema } from '@storefront/config';
import { SecretKeyring } from '@storefront/credentials';
import { z } from 'zod';

/** A checkout shard: the shared settings plus which shard this process is. */
export const checkoutConfigSchema = shardServiceConfigSchema
  .extend({
    /**
     * How long a checkout request owns its Idempotency-Key before a retry may take over (its
     * process died). Longer than a payment may take, or a retry could run beside a live charge.
     */
    PLATFORM_IDEMPOTENCY_LEASE_SECONDS: positiveInt.default(60),
    /**
     * When a payment attempt without an order, or a refund the gateway never confirmed, is
     * settled by the shard itself: refunded if it charged. Well after a shopper would retry.
     */
    PLATFORM_PAYMENT_RECONCILE_AFTER_SECONDS: positiveInt.default(900),
    /**
     * How long an order waits for its shopper to confirm the payment (card authentication)
     * before the charge is given up and the stock goes back to sale.
     */
    PLATFORM_PAYMENT_ACTION_TIMEOUT_SECONDS: positiveInt.default(3_600),
    /** How often the shard sweeps expired reservations and reconciles payments. */
    PLATFORM_HOUSEKEEPING_INTERVAL_SECONDS: positiveInt.default(60),
    /**
     * Retention purge of each tenant of the shard (its housekeeping pass): consumers' processed
     * event ids (a week: redeliveries come within hours), Stripe webhook event ids (30 days:
     * Stripe retries for 3), anonymous carts untouched (60 days: twice the default session life).
     */
    PLATFORM_PROCESSED_EVENTS_RETENTION_HOURS: positiveInt.default(7 * 24),
    PLATFORM_STRIPE_WEBHOOK_EVENTS_RETENTION_HOURS: positiveInt.default(30 * 24),
    PLATFORM_ABANDONED_CARTS_RETENTION_HOURS: positiveInt.default(60 * 24),
    /**
     * The platform keys that seal stores' payment provider secrets (`kid:base64,...`, first
     * seals, all open; ADR 0057). Without it no store can store or use Stripe keys (503).
     */
    PLATFORM_SECRETS_KEYRING: z
      .string()
      .transform((spec, context) => {
        try {
          return new SecretKeyring(spec);
        } catch (error) {
          context.addIssue({ code: 'custom', message: (error as Error).message });
          return z.NEVER;
        }
      })
      .optional(),
  })
  .superRefine(shardIdWithinCount('PLATFORM_CHECKOUT_SHARDS'))
  .superRefine((config, context) => {
    if (config.PLATFORM_IDEMPOTENCY_LEASE_SECONDS * 1000 <= config.PLATFORM_PAYMENT_TIMEOUT_MS) {
      context.addIssue({ code: 'custom', path: ['PLATFORM_IDEMPOTENCY_LEASE_SECONDS'], message: 'must be longer than PLATFORM_PAYMENT_TIMEOUT_MS' });
    }
    if (config.PLATFORM_PAYMENT_RECONCILE_AFTER_SECONDS <= config.PLATFORM_IDEMPOTENCY_LEASE_SECONDS) {
      // Sooner, and a live request's attempt could be refunded under it.
      context.addIssue({ code: 'custom', path: ['PLATFORM_PAYMENT_RECONCILE_AFTER_SECONDS'], message: 'must be longer than PLATFORM_IDEMPOTENCY_LEASE_SECONDS' });
    }
  });

export type CheckoutConfig = z.infer<typeof checkoutConfigSchema>;
