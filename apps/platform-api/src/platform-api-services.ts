import { SellingRulesService } from '@storefront/orders';
import { ReviewModerationService } from '@storefront/reviews';
import { CATALOG_ENTITIES, CategoryService, ProductService, recordCatalogChangesInOutbox, StockService, VariantService } from '@storefront/catalog';
import { shardCountsOf } from '@storefront/config';
import type { DatabaseClusters } from '@storefront/database';
import { announceStoreProvisioned } from '@storefront/outbox';
import { NotificationTemplateService, recordLocaleChangesInOutbox, STORE_SETTINGS_ENTITIES, StoreSettingsService, WebhookEndpointService } from '@storefront/store-settings';
import {
  createTenancyServices,
  TenantDeprovisioner,
  TenantExporter,
  type TenancyServices,
  ServiceTokens,
} from '@storefront/tenancy';
import { createObjectStorage, type ObjectStorage } from '@storefront/object-storage';
import type Redis from 'ioredis';
import type { KubeApiClient } from '@storefront/kube-client';
import type { Logger } from '@storefront/observability';
import { CATALOG_CACHE_NAMESPACE, TenantCacheInvalidator } from '@storefront/tenant-cache';
import { ShardClient, shardRouterFor } from '@storefront/service-runtime';
import { PasswordHasher } from '@storefront/credentials';
import { AccessTokens } from './accounts/access-tokens';
import { AccountDirectory } from './accounts/account-directory';
import { LoginService } from './accounts/login.service';
import { LoginThrottle } from './accounts/login-throttle';
import { PasswordChangeService } from './accounts/password-change.service';
import { AccountTokenVersions } from './auth/account-token-versions';
import { AuditLogService } from './admin/audit-log.service';
import { PlatformHealthService } from './admin/platform-health.service';
import { PlatformUsageService } from './admin/platform-usage.service';
import { TenantAdminService } from './admin/tenant-admin.service';
import { TenantDeletionService } from './admin/tenant-deletion.service';
import type { PlatformApiConfig } from './platform-api.config';
import { CustomDomainService } from './domains/custom-domain.service';
import { DomainVerificationQueue } from './domains/domain-verification.queue';
import { PlanLimits } from './plans/plan-limits';
import { SignupService } from './signup/signup.service';
import { SignupSweeper } from './signup/signup-sweeper';
import { KubernetesStoreProvisioning } from './signup/kubernetes-store-provisioning';
import { KubernetesStoreLifecycle } from './provisioning/kubernetes-store-lifecycle';
import { RegistryOnlyStoreLifecycle, type StoreLifecycleStrategy } from './provisioning/store-lifecycle.strategy';
import { InProcessStoreProvisioning, type StoreProvisioningStrategy } from './signup/store-provisioning.strategy';
import { StoreService } from './store/store.service';
import { MerchantPaymentSettings } from './payments/merchant-payment-settings';
import { StoreUrls } from './store/store-urls';
import { FixedWindowLimiter } from './throttling/fixed-window-limiter';

/** A signup still `provisioning` after this long died half-way (in-process signups take seconds). */
const SIGNUP_GRACE_MS = 10 * 60_000;

/** Tenant tables the platform API reads and writes; DatabaseClusters needs their entities. */
export const PLATFORM_API_TENANT_ENTITIES = [...CATALOG_ENTITIES, ...STORE_SETTINGS_ENTITIES];

/** Every service of the platform API, wired once per process (Nest only routes to them). */
export interface PlatformApiServices {
  /** Drops storefronts' cached catalog of a tenant after a merchant's write. */
  readonly storefrontCache: TenantCacheInvalidator;
  /** The checkout shards, for the merchant's orders; null without PLATFORM_SERVICE_TOKEN_SECRET. */
  readonly checkoutOrders: ShardClient | null;
  readonly paymentSettings: MerchantPaymentSettings;
  /** The notifications shards, for the merchant's delivery log; null without PLATFORM_SERVICE_TOKEN_SECRET. */
  readonly notificationDeliveries: ShardClient | null;
  /** Services, shards and queue depths for the platform admin's health page. */
  readonly health: PlatformHealthService;
  readonly tenancy: TenancyServices;
  readonly hasher: PasswordHasher;
  readonly tokens: AccessTokens;
  readonly logins: LoginService;
  readonly passwords: PasswordChangeService;
  readonly tokenVersions: AccountTokenVersions;
  readonly signups: SignupService;
  readonly signupSweeper: SignupSweeper;
  readonly store: StoreService;
  readonly auditLog: AuditLogService;
  readonly usage: PlatformUsageService;
  readonly storeSettings: StoreSettingsService;
  readonly notificationTemplates: NotificationTemplateService;
  readonly webhooks: WebhookEndpointService;
  readonly domainVerifications: DomainVerificationQueue;
  readonly domains: CustomDomainService;
  readonly plans: PlanLimits;
  readonly products: ProductService;
  readonly variants: VariantService;
  readonly categories: CategoryService;
  readonly sellingRules: SellingRulesService;
  readonly reviews: ReviewModerationService;
  readonly stock: StockService;
  readonly tenantAdmin: TenantAdminService;
  readonly deletions: TenantDeletionService;
}

export interface PlatformApiServicesOptions {
  /** Where exports go; by default the configured PLATFORM_OBJECT_STORAGE_* driver. */
  readonly objectStorage?: ObjectStorage;
  /** Kubernetes mode (PLATFORM_PROVISIONING=kubernetes): the API server that takes the Stores. */
  readonly kube?: KubeApiClient;
  readonly logger: Logger;
}

export function createPlatformApiServices(
  config: PlatformApiConfig,
  clusters: DatabaseClusters,
  redis: Redis,
  /** A connection without key prefix and without a retry limit, as BullMQ requires. */
  queueConnection: Redis,
  options: PlatformApiServicesOptions,
): PlatformApiServices {
  const objectStorage = options.objectStorage ?? createObjectStorage(config);
  const tenancy = createTenancyServices({
    clusters,
    redis,
    platformDomain: config.PLATFORM_DOMAIN,
    shardCounts: shardCountsOf(config),
    beforeActivation: announceStoreProvisioned,
  });
  const hasher = new PasswordHasher();
  const tokens = new AccessTokens(config.PLATFORM_JWT_SECRET, config.PLATFORM_JWT_TTL_SECONDS);
  const accounts = new AccountDirectory(clusters);
  const tokenVersions = new AccountTokenVersions(accounts);
  const throttle = new LoginThrottle(redis, {
    maxFailuresPerAccount: config.PLATFORM_LOGIN_MAX_FAILURES_PER_ACCOUNT,
    maxFailuresPerAddress: config.PLATFORM_LOGIN_MAX_FAILURES_PER_ADDRESS,
    windowSeconds: config.PLATFORM_LOGIN_LOCKOUT_SECONDS,
  });
  const storeUrls = new StoreUrls(config.PLATFORM_STORE_URL_TEMPLATE, config.PLATFORM_DOMAIN);
  const storeSettings = new StoreSettingsService(tenancy.unitOfWork, recordLocaleChangesInOutbox);
  const deprovisioner = new TenantDeprovisioner(clusters, tenancy.notifier);
  const domainVerifications = new DomainVerificationQueue({
    connection: queueConnection,
    prefix: config.PLATFORM_QUEUE_PREFIX,
    attempts: config.PLATFORM_DOMAIN_VERIFICATION_ATTEMPTS,
    retryDelayMs: config.PLATFORM_DOMAIN_VERIFICATION_RETRY_SECONDS * 1000,
  });
  const domains = new CustomDomainService(clusters, domainVerifications, tenancy.notifier, config.PLATFORM_DOMAIN);
  const shardRouter = shardRouterFor(clusters, config);
  const serviceTokens = config.PLATFORM_SERVICE_TOKEN_SECRET ? new ServiceTokens(config.PLATFORM_SERVICE_TOKEN_SECRET) : null;
  const checkoutOrders = serviceTokens ? new ShardClient('checkout', shardRouter, serviceTokens) : null;
  let provisioning: StoreProvisioningStrategy = new InProcessStoreProvisioning(tenancy.provisioner);
  let storeLifecycle: StoreLifecycleStrategy = new RegistryOnlyStoreLifecycle();
  if (config.PLATFORM_PROVISIONING === 'kubernetes') {
    if (!options.kube) throw new Error('PLATFORM_PROVISIONING=kubernetes needs a Kubernetes API client');
    provisioning = new KubernetesStoreProvisioning(tenancy.provisioner, clusters, options.kube, config.PLATFORM_STORE_NAMESPACE!, options.logger);
    storeLifecycle = new KubernetesStoreLifecycle(clusters, options.kube, options.logger);
  }
  return {
    tenancy,
    hasher,
    tokens,
    logins: new LoginService(accounts, hasher, tokens, throttle),
    passwords: new PasswordChangeService(accounts, hasher, throttle, tokens, tokenVersions),
    tokenVersions,
    signups: new SignupService(
      clusters,
      accounts,
      hasher,
      provisioning,
      deprovisioner,
      tenancy.notifier,
      storeUrls,
      new FixedWindowLimiter(redis, 3600),
      config.PLATFORM_SIGNUPS_PER_ADDRESS_PER_HOUR,
    ),
    signupSweeper: new SignupSweeper(clusters, provisioning, deprovisioner, SIGNUP_GRACE_MS, options.logger),
    storeSettings,
    notificationTemplates: new NotificationTemplateService(tenancy.unitOfWork),
    webhooks: new WebhookEndpointService(tenancy.unitOfWork),
    domainVerifications,
    domains,
    store: new StoreService(clusters, storeSettings, domains, storeUrls, tenancy.notifier),
    auditLog: new AuditLogService(clusters),
    usage: new PlatformUsageService(clusters),
    plans: new PlanLimits(clusters),
    storefrontCache: new TenantCacheInvalidator(redis, CATALOG_CACHE_NAMESPACE),
    checkoutOrders,
    paymentSettings: new MerchantPaymentSettings(checkoutOrders, clusters, storeUrls),
    notificationDeliveries: serviceTokens ? new ShardClient('notifications', shardRouter, serviceTokens) : null,
    health: new PlatformHealthService({ clusters, redis, router: shardRouter, shardCounts: shardCountsOf(config) }),
    products: new ProductService(tenancy.unitOfWork, recordCatalogChangesInOutbox),
    variants: new VariantService(tenancy.unitOfWork),
    categories: new CategoryService(tenancy.unitOfWork, recordCatalogChangesInOutbox),
    sellingRules: new SellingRulesService(tenancy.unitOfWork),
    reviews: new ReviewModerationService(tenancy.unitOfWork),
    stock: new StockService(tenancy.unitOfWork, recordCatalogChangesInOutbox),
    tenantAdmin: new TenantAdminService(clusters, tenancy.registry, tenancy.unitOfWork, tenancy.shards, tenancy.notifier, storeLifecycle),
    deletions: new TenantDeletionService(
      clusters,
      tenancy.registry,
      new TenantExporter(tenancy.unitOfWork, objectStorage),
      deprovisioner,
      config.PLATFORM_TENANT_RETENTION_HOURS * 3_600_000,
      storeLifecycle,
      options.logger,
    ),
  };
}
