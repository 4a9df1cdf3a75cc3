import { shardCountsOf, type ServiceConfig, type ShardServiceConfig } from '@storefront/config';
import type { DatabaseClusters } from '@storefront/database';
import { ServiceTokens, ShardAssignments, ShardRouter, type ShardedService } from '@storefront/tenancy';
import { ShardTenantDirectory } from './shard-tenant-directory';
import type { TenantShardGuardOptions } from './tenant-shard.guard';

/** The shard router as every process configures it: recorded assignments, URL template, local base ports. */
export function shardRouterFor(clusters: DatabaseClusters, config: ServiceConfig): ShardRouter {
  return new ShardRouter(new ShardAssignments(clusters, shardCountsOf(config)), {
    urlTemplate: config.PLATFORM_SHARD_URL_TEMPLATE,
    basePorts: {
      checkout: config.PLATFORM_CHECKOUT_BASE_PORT,
      search: config.PLATFORM_SEARCH_BASE_PORT,
      notifications: config.PLATFORM_NOTIFICATIONS_BASE_PORT,
    },
  });
}

/** What the tenant shard guard of shard `PLATFORM_SHARD_ID` of `service` needs. */
export function shardGuardOptionsFor(service: ShardedService, clusters: DatabaseClusters, config: ShardServiceConfig): TenantShardGuardOptions {
  return {
    service,
    shardId: config.PLATFORM_SHARD_ID,
    tokens: new ServiceTokens(config.PLATFORM_SERVICE_TOKEN_SECRET),
    directory: new ShardTenantDirectory(clusters, service),
    router: shardRouterFor(clusters, config),
  };
}
