import { serviceConfigSchema } from '@storefront/config';
import { z } from 'zod';

/** A checkout shard: the shared settings plus which shard this process is. */
export const checkoutConfigSchema = serviceConfigSchema
  .extend({
    PLATFORM_SHARD_ID: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must be 0 or more'),
    PLATFORM_SERVICE_TOKEN_SECRET: z.string({ error: 'is required' }).min(32, 'must be at least 32 characters'),
  })
  .superRefine((config, ctx) => {
    if (config.PLATFORM_SHARD_ID >= config.PLATFORM_CHECKOUT_SHARDS) {
      ctx.addIssue({
        code: 'custom',
        path: ['PLATFORM_SHARD_ID'],
        message: `must be below PLATFORM_CHECKOUT_SHARDS (${config.PLATFORM_CHECKOUT_SHARDS})`,
      });
    }
  });

export type CheckoutConfig = z.infer<typeof checkoutConfigSchema>;
