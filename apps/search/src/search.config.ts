import { booleanFlag, shardIdWithinCount, shardServiceConfigSchema } from '@storefront/config';
import type { z } from 'zod';

/** A search shard: the shared settings plus which shard this process is. */
export const searchConfigSchema = shardServiceConfigSchema
  .extend({
    /** Off only to measure the uncached query path. */
    PLATFORM_SEARCH_CACHE: booleanFlag.default(true),
  })
  .superRefine(shardIdWithinCount('PLATFORM_SEARCH_SHARDS'));

export type SearchConfig = z.infer<typeof searchConfigSchema>;
