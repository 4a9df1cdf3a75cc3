import { shardIdWithinCount, shardServiceConfigSchema } from '@storefront/config';
import type { z } from 'zod';

/** A checkout shard: the shared settings plus which shard this process is. */
export const checkoutConfigSchema = shardServiceConfigSchema.superRefine(shardIdWithinCount('PLATFORM_CHECKOUT_SHARDS'));

export type CheckoutConfig = z.infer<typeof checkoutConfigSchema>;
