import type { DatabaseClusters } from '@storefront/database';
import type { TenantMigration } from '@storefront/tenant-schema';
import type Redis from 'ioredis';
import { ShardAssignments, type ShardCounts } from './shard-assignments';
import { TenantChangeNotifier } from './tenant-change-notifier';
import { TenantHostResolver } from './tenant-host-resolver';
import { TenantMigrator } from './tenant-migrator';
import { TenantProvisioner, type TenantProvisionerOptions } from './tenant-provisioner';
import { TenantRegistry } from './tenant-registry';
import { TenantUnitOfWork } from './tenant-unit-of-work';

export interface TenancyServicesOptions {
  readonly clusters: DatabaseClusters;
  /** A regular (non-subscribed) connection, used to publish tenant changes. */
  readonly redis: Redis;
  readonly platformDomain: string;
  readonly shardCounts: ShardCounts;
  readonly migrations?: readonly TenantMigration[];
  readonly afterProvisioningStep?: TenantProvisionerOptions['afterStep'];
  readonly beforeActivation?: TenantProvisionerOptions['beforeActivation'];
}

/** The tenancy building blocks wired together, for apps, the CLI, the operator and tests. */
export interface TenancyServices {
  readonly clusters: DatabaseClusters;
  readonly unitOfWork: TenantUnitOfWork;
  readonly migrator: TenantMigrator;
  readonly shards: ShardAssignments;
  readonly provisioner: TenantProvisioner;
  readonly notifier: TenantChangeNotifier;
  readonly registry: TenantRegistry;
  readonly hostResolver: TenantHostResolver;
}

export function createTenancyServices(options: TenancyServicesOptions): TenancyServices {
  const { clusters } = options;
  const migrator = new TenantMigrator(clusters, options.migrations);
  const shards = new ShardAssignments(clusters, options.shardCounts);
  const notifier = new TenantChangeNotifier(options.redis);
  return {
    clusters,
    unitOfWork: new TenantUnitOfWork(clusters),
    migrator,
    shards,
    provisioner: new TenantProvisioner(clusters, migrator, shards, {
      platformDomain: options.platformDomain,
      ...(options.afterProvisioningStep ? { afterStep: options.afterProvisioningStep } : {}),
      ...(options.beforeActivation ? { beforeActivation: options.beforeActivation } : {}),
    }),
    notifier,
    registry: new TenantRegistry(clusters, notifier),
    hostResolver: new TenantHostResolver(clusters),
  };
}
