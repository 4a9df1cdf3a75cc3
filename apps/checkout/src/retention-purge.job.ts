import { idempotencyKeysRetention, stripeWebhookEventsRetention } from '@storefront/orders';
import { processedEventsRetention } from '@storefront/outbox';
import { abandonedCartsRetention } from '@storefront/shopping';
import { purgeExpiredRows, type RetentionRule, type TenantUnitOfWork } from '@storefront/tenancy';
import type { CheckoutConfig } from './checkout.config';
import type { ShardTenantJob } from './shard-tenant-jobs.scheduler';

export type RetentionConfig = Pick<
  CheckoutConfig,
  'PLATFORM_PROCESSED_EVENTS_RETENTION_HOURS' | 'PLATFORM_STRIPE_WEBHOOK_EVENTS_RETENTION_HOURS' | 'PLATFORM_ABANDONED_CARTS_RETENTION_HOURS'
>;

/** Every tenant table that would otherwise grow without bound, by the name its count is logged under. */
export function retentionRules(config: RetentionConfig): Record<string, RetentionRule> {
  return {
    processedEvents: processedEventsRetention(config.PLATFORM_PROCESSED_EVENTS_RETENTION_HOURS),
    idempotencyKeys: idempotencyKeysRetention(),
    stripeWebhookEvents: stripeWebhookEventsRetention(config.PLATFORM_STRIPE_WEBHOOK_EVENTS_RETENTION_HOURS),
    abandonedCarts: abandonedCartsRetention(config.PLATFORM_ABANDONED_CARTS_RETENTION_HOURS),
  };
}

/**
 * The retention purge as a housekeeping job of the checkout shard: each tenant sits on exactly
 * one checkout shard, so every tenant schema is purged by exactly one process.
 */
export function retentionPurgeJob(unitOfWork: TenantUnitOfWork, config: RetentionConfig): ShardTenantJob {
  const rules = Object.entries(retentionRules(config));
  return {
    name: 'retention purge',
    run: async (ctx) => {
      const purged: Record<string, number> = {};
      for (const [name, rule] of rules) purged[name] = await purgeExpiredRows(unitOfWork, ctx, rule);
      return purged;
    },
  };
}
