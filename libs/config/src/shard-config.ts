import { z } from 'zod';

/** Which shard this process is (StatefulSet ordinal in Kubernetes, `platform start` locally). */
export const shardId = z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must be 0 or more');

type ShardCountVariable = 'PLATFORM_CHECKOUT_SHARDS' | 'PLATFORM_SEARCH_SHARDS' | 'PLATFORM_NOTIFICATIONS_SHARDS';

/** A refinement refusing a PLATFORM_SHARD_ID at or above the service's shard count. */
export function shardIdWithin(countVariable: ShardCountVariable) {
  return (config: { PLATFORM_SHARD_ID: number } & Record<ShardCountVariable, number>, ctx: z.RefinementCtx): void => {
    if (config.PLATFORM_SHARD_ID >= config[countVariable]) {
      ctx.addIssue({ code: 'custom', path: ['PLATFORM_SHARD_ID'], message: `must be below ${countVariable} (${config[countVariable]})` });
    }
  };
}
