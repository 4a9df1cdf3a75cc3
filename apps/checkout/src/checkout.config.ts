import { serviceConfigSchema, shardId, shardIdWithin } from '@storefront/config';
import { z } from 'zod';

/** A checkout shard: the shared settings plus which shard this process is. */
export const checkoutConfigSchema = serviceConfigSchema
  .extend({
    PLATFORM_SHARD_ID: shardId,
    PLATFORM_SERVICE_TOKEN_SECRET: z.string({ error: 'is required' }).min(32, 'must be at least 32 characters'),
  })
  .superRefine(shardIdWithin('PLATFORM_CHECKOUT_SHARDS'));

export type CheckoutConfig = z.infer<typeof checkoutConfigSchema>;
