import { z } from 'zod';
import { serviceConfigSchema, type ServiceConfig } from './service-config';

type ShardCountVariable = 'PLATFORM_CHECKOUT_SHARDS' | 'PLATFORM_SEARCH_SHARDS' | 'PLATFORM_NOTIFICATIONS_SHARDS';

/** Settings of one shard of a sharded service: which shard it is, and the service token secret. */
export const shardServiceConfigSchema = serviceConfigSchema.extend({
  PLATFORM_SHARD_ID: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(0, 'must be 0 or more'),
  PLATFORM_SERVICE_TOKEN_SECRET: z.string({ error: 'is required' }).min(32, 'must be at least 32 characters'),
});

/** Refuses a shard id outside the service's shard count (the router would never send it a tenant). */
export function shardIdWithinCount(countVariable: ShardCountVariable) {
  return (config: Pick<ServiceConfig, ShardCountVariable> & { PLATFORM_SHARD_ID: number }, ctx: z.RefinementCtx): void => {
    if (config.PLATFORM_SHARD_ID >= config[countVariable]) {
      ctx.addIssue({ code: 'custom', path: ['PLATFORM_SHARD_ID'], message: `must be below ${countVariable} (${config[countVariable]})` });
    }
  };
}

export type ShardServiceConfig = z.infer<typeof shardServiceConfigSchema>;
