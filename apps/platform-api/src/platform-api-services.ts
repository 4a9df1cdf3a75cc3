import { CATALOG_ENTITIES, CategoryService, ProductService, recordCatalogChangesInOutbox, StockService } from '@storefront/catalog';
import { shardCountsOf } from '@storefront/config';
import type { DatabaseClusters } from '@storefront/database';
import { STORE_SETTINGS_ENTITIES, StoreSettingsService } from '@storefront/store-settings';
import {
  createTenancyServices,
  FileTenantArchiveStore,
  TenantDeprovisioner,
  TenantExporter,
  type TenancyServices,
  type TenantArchiveStore,
} from '@storefront/tenancy';
import type Redis from 'ioredis';
import { AccessTokens } from './accounts/access-tokens';
import { AccountDirectory } from './accounts/account-directory';
import { LoginService } from './accounts/login.service';
import { LoginThrottle } from './accounts/login-throttle';
import { PasswordHasher } from '@storefront/credentials';
import { TenantAdminService } from './admin/tenant-admin.service';
import { TenantDeletionService } from './admin/tenant-deletion.service';
import type { PlatformApiConfig } from './platform-api.config';
import { PlatformDatabase } from './platform-database';
import { PlanLimits } from './plans/plan-limits';
import { SignupService } from './signup/signup.service';
import { StoreUrls } from './store/store-urls';

/** Tenant tables the platform API reads and writes; DatabaseClusters needs their entities. */
export const PLATFORM_API_TENANT_ENTITIES = [...CATALOG_ENTITIES, ...STORE_SETTINGS_ENTITIES];

/** Every service of the platform API, wired once per process (Nest only routes to them). */
export interface PlatformApiServices {
  readonly database: PlatformDatabase;
  readonly tenancy: TenancyServices;
  readonly hasher: PasswordHasher;
  readonly tokens: AccessTokens;
  readonly logins: LoginService;
  readonly signups: SignupService;
  readonly storeUrls: StoreUrls;
  readonly storeSettings: StoreSettingsService;
  readonly plans: PlanLimits;
  readonly products: ProductService;
  readonly categories: CategoryService;
  readonly stock: StockService;
  readonly tenantAdmin: TenantAdminService;
  readonly deletions: TenantDeletionService;
}

export function createPlatformApiServices(
  config: PlatformApiConfig,
  clusters: DatabaseClusters,
  redis: Redis,
  archives: TenantArchiveStore = new FileTenantArchiveStore(config.PLATFORM_EXPORT_DIR),
): PlatformApiServices {
  const tenancy = createTenancyServices({
    clusters,
    redis,
    platformDomain: config.PLATFORM_DOMAIN,
    shardCounts: shardCountsOf(config),
  });
  const hasher = new PasswordHasher();
  const tokens = new AccessTokens(config.PLATFORM_JWT_SECRET, config.PLATFORM_JWT_TTL_SECONDS);
  const accounts = new AccountDirectory(clusters);
  const throttle = new LoginThrottle(redis, {
    maxFailuresPerAccount: config.PLATFORM_LOGIN_MAX_FAILURES_PER_ACCOUNT,
    maxFailuresPerAddress: config.PLATFORM_LOGIN_MAX_FAILURES_PER_ADDRESS,
    windowSeconds: config.PLATFORM_LOGIN_LOCKOUT_SECONDS,
  });
  const storeUrls = new StoreUrls(config.PLATFORM_STORE_URL_TEMPLATE, config.PLATFORM_DOMAIN);
  const storeSettings = new StoreSettingsService(tenancy.unitOfWork);
  const deprovisioner = new TenantDeprovisioner(clusters, tenancy.notifier);
  return {
    database: new PlatformDatabase(clusters),
    tenancy,
    hasher,
    tokens,
    logins: new LoginService(accounts, hasher, tokens, throttle),
    signups: new SignupService(clusters, accounts, hasher, tenancy.provisioner, deprovisioner, storeSettings, tenancy.notifier, storeUrls),
    storeUrls,
    storeSettings,
    plans: new PlanLimits(clusters),
    products: new ProductService(tenancy.unitOfWork, recordCatalogChangesInOutbox),
    categories: new CategoryService(tenancy.unitOfWork),
    stock: new StockService(tenancy.unitOfWork, recordCatalogChangesInOutbox),
    tenantAdmin: new TenantAdminService(clusters, tenancy.registry, tenancy.unitOfWork),
    deletions: new TenantDeletionService(
      clusters,
      tenancy.registry,
      new TenantExporter(tenancy.unitOfWork),
      archives,
      deprovisioner,
      config.PLATFORM_TENANT_RETENTION_HOURS * 3_600_000,
    ),
  };
}
