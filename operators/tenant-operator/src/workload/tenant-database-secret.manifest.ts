import { databaseUrlAs, type TenantEntity } from '@storefront/database';
import { redisUrlAs } from '@storefront/redis-acl';
import { shopperTokenKeyFor, type StorefrontDatabaseLogin } from '@storefront/tenancy';
import type { Store } from '@storefront/store-resource';
import { objectMetaOf, workloadName } from './store-workload-names';
import type { WorkloadSettings } from './workload-settings';

export function tenantDatabaseSecretName(store: Store): string {
  return workloadName(store, '-db');
}

/** The store's own Redis ACL user (RedisAclUsers.ensureStorefrontUser). */
export interface StorefrontRedisLogin {
  readonly user: string;
  readonly password: string;
}

/**
 * The storefront's secrets, as it reads them from its environment: the registry's cluster and,
 * when the tenant's schema lives elsewhere, that cluster too, both as the store's own database
 * login; Redis as this store's ACL user, which reaches this store's keys and channels only; and
 * this store's shopper token key. Never the platform's login or root secret, so a leaked Secret
 * reaches this store's data and signs for this store's shoppers only.
 */
export function tenantDatabaseSecretManifest(
  store: Store,
  tenant: TenantEntity,
  settings: WorkloadSettings,
  login: StorefrontDatabaseLogin,
  redis: StorefrontRedisLogin,
): Record<string, unknown> {
  const primary = settings.databaseUrls['main'];
  if (!primary) throw new Error('no URL for database cluster "main"');
  const tenantCluster = settings.databaseUrls[tenant.clusterId];
  if (!tenantCluster) throw new Error(`no URL for database cluster "${tenant.clusterId}"`);
  const values: Record<string, string> = {
    DATABASE_URL: databaseUrlAs(primary, login),
    ...(tenant.clusterId !== 'main' ? { PLATFORM_TENANT_DATABASE_URLS: `${tenant.clusterId}=${databaseUrlAs(tenantCluster, login)}` } : {}),
    REDIS_URL: redisUrlAs(settings.redisUrl, redis.user, redis.password),
    PLATFORM_SHOPPER_TOKEN_KEY: shopperTokenKeyFor(settings.serviceTokenSecret, tenant.id),
  };
  return {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: objectMetaOf(store, tenantDatabaseSecretName(store)),
    type: 'Opaque',
    // `data`, not `stringData`: stringData is write-only, so apply could never see it as unchanged.
    data: Object.fromEntries(Object.entries(values).map(([key, value]) => [key, Buffer.from(value).toString('base64')])),
  };
}
