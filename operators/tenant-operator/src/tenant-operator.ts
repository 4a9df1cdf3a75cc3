import type { KubeConfig } from '@kubernetes/client-node';
import type { DatabaseClusters } from '@storefront/database';
import { HealthChecks, type Logger } from '@storefront/observability';
import {
  ShardAssignments,
  StorefrontDatabaseLogins,
  TenantChangeNotifier,
  TenantDeprovisioner,
  TenantExporter,
  TenantMigrator,
  TenantProvisioner,
  TenantUnitOfWork,
} from '@storefront/tenancy';
import { createObjectStorage, FilesystemObjectStorage, type ObjectStorage } from '@storefront/object-storage';
import { RedisAclUsers } from '@storefront/redis-acl';
import Redis from 'ioredis';
import { KubeApiClient } from '@storefront/kube-client';
import { announceStoreProvisioned } from '@storefront/outbox';
import { LeaderElection } from './controller/leader-election';
import { createOperatorMetrics, type OperatorMetrics } from './controller/operator-metrics';
import { startHealthServer, type HealthServer } from './controller/health-server';
import { StoreController } from './controller/store-controller';
import { EventRecorder } from './kube/event-recorder';
import type { OperatorConfig } from './operator-config';
import { StoreReconciler } from './reconcile/store-reconciler';
import { DatabaseTenantReclaimer, type TenantReclaimer } from './reconcile/tenant-reclaimer';
import { conflictsOf } from './store/store-claims';
import { hostsOf } from './workload/store-workload-names';

export const FIELD_MANAGER = 'storefront-tenant-operator';
const LEASE_NAME = 'storefront-tenant-operator';

export interface TenantOperatorOptions {
  readonly config: OperatorConfig;
  readonly kubeConfig: KubeConfig;
  /** Initialised by the caller, who also closes them. */
  readonly clusters: DatabaseClusters;
  readonly logger: Logger;
  readonly reclaimer?: TenantReclaimer;
  /** Leadership lost: the caller must exit (a fresh process starts from a clean slate). */
  readonly onLostLeadership?: () => void;
}

/**
 * The operator assembled: health and metrics first, then (as leader, or at once without
 * leader election) the Store controller. Standby replicas keep their probes green.
 */
export class TenantOperator {
  readonly metrics: OperatorMetrics = createOperatorMetrics();
  readonly health = new HealthChecks();
  private readonly controller: StoreController;
  private readonly election: LeaderElection | undefined;
  private healthServer: HealthServer | undefined;
  private controllerStarted: Promise<void> | undefined;
  private readonly redis: Redis;

  constructor(private readonly options: TenantOperatorOptions) {
    const { config, clusters, logger } = options;
    const client = new KubeApiClient(options.kubeConfig);
    const events = new EventRecorder(client, FIELD_MANAGER, logger);
    const migrator = new TenantMigrator(clusters);
    const shardCounts = {
      checkout: config.PLATFORM_CHECKOUT_SHARDS,
      search: config.PLATFORM_SEARCH_SHARDS,
      notifications: config.PLATFORM_NOTIFICATIONS_SHARDS,
    };
    const provisioner = new TenantProvisioner(clusters, migrator, new ShardAssignments(clusters, shardCounts), {
      platformDomain: config.PLATFORM_DOMAIN,
      beforeActivation: announceStoreProvisioned,
    });
    const settings = {
      storefrontImage: config.PLATFORM_OPERATOR_STOREFRONT_IMAGE,
      allowedStorefrontImages: config.PLATFORM_OPERATOR_ALLOWED_STOREFRONT_IMAGES,
      platformDomain: config.PLATFORM_DOMAIN,
      ingressClassName: config.PLATFORM_OPERATOR_INGRESS_CLASS,
      clusterIssuer: config.PLATFORM_OPERATOR_CLUSTER_ISSUER,
      ingressControllerNamespace: config.PLATFORM_OPERATOR_INGRESS_NAMESPACE,
      platformNamespace: config.PLATFORM_OPERATOR_PLATFORM_NAMESPACE,
      databaseUrls: { main: config.DATABASE_URL, ...config.PLATFORM_TENANT_DATABASE_URLS },
      redisUrl: config.REDIS_URL,
      shardCounts,
      shardUrlTemplate: config.PLATFORM_SHARD_URL_TEMPLATE,
      serviceTokenSecret: config.PLATFORM_SERVICE_TOKEN_SECRET,
      trustedProxies: config.PLATFORM_TRUSTED_PROXIES,
    };
    // Host caches of storefronts hear about activated and purged tenants over Redis, as after an API change.
    this.redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 3, lazyConnect: true });
    // Publishing is best effort (see StoreReconciler.activate); ioredis reports a down Redis here.
    this.redis.on('error', (error: Error) => logger.debug({ err: error }, 'redis connection error'));
    const notifier = new TenantChangeNotifier(this.redis);
    // REDIS_URL is the admin user: it creates each store's own user for its Pods' Secret.
    const redisUsers = new RedisAclUsers(this.redis);
    const exports = exportStorageOf(config);
    const reclaimer =
      options.reclaimer ??
      new DatabaseTenantReclaimer({
        clusters,
        deprovisioner: new TenantDeprovisioner(clusters, notifier),
        ...(exports ? { exporter: new TenantExporter(new TenantUnitOfWork(clusters), exports) } : {}),
      });

    this.controller = new StoreController({
      client,
      ...(config.PLATFORM_OPERATOR_NAMESPACE ? { namespace: config.PLATFORM_OPERATOR_NAMESPACE } : {}),
      events,
      metrics: this.metrics,
      logger,
      workers: config.PLATFORM_OPERATOR_WORKERS,
      resyncIntervalMs: config.PLATFORM_OPERATOR_RESYNC_SECONDS * 1000,
      relistIntervalMs: config.PLATFORM_OPERATOR_RESYNC_SECONDS * 3 * 1000,
      claimsOverlap: (a, b) => a.spec.tenantId === b.spec.tenantId || hostsOf(a, settings.platformDomain).some((h) => hostsOf(b, settings.platformDomain).includes(h)),
      reconciler: ({ stores, ownedObject }) =>
        new StoreReconciler({
          client,
          fieldManager: FIELD_MANAGER,
          settings,
          clusters,
          provisioner,
          storefrontLogins: new StorefrontDatabaseLogins(clusters, config.PLATFORM_SERVICE_TOKEN_SECRET),
          notifier,
          redisUsers,
          schemaTarget: migrator.targetVersion,
          reclaimer,
          events,
          conflictsOf: (store) => conflictsOf(store, stores.list(), (s) => hostsOf(s, settings.platformDomain)),
          cached: ownedObject,
          logger,
        }),
    });

    if (config.PLATFORM_OPERATOR_LEADER_ELECTION) {
      const leaseMs = config.PLATFORM_OPERATOR_LEASE_DURATION_SECONDS * 1000;
      this.election = new LeaderElection({
        client,
        namespace: config.PLATFORM_OPERATOR_LEASE_NAMESPACE ?? config.PLATFORM_OPERATOR_PLATFORM_NAMESPACE,
        leaseName: LEASE_NAME,
        identity: config.PLATFORM_OPERATOR_IDENTITY,
        // client-go's proportions: 15 s lease, 10 s renew deadline, 2 s retry.
        leaseDurationMs: leaseMs,
        renewDeadlineMs: Math.round(leaseMs * (2 / 3)),
        retryPeriodMs: Math.max(200, Math.round(leaseMs / 7.5)),
        logger,
        onStartedLeading: () => {
          this.metrics.isLeader.set(1);
          this.controllerStarted = this.startController();
        },
        onStoppedLeading: () => {
          this.metrics.isLeader.set(0);
          void this.controller.stop().finally(() => options.onLostLeadership?.());
        },
      });
    }

    this.health.register('postgres', async () => void (await clusters.primary.query('SELECT 1')));
    // A standby is healthy; the leader is ready once its caches are filled.
    this.health.register('informers', async () => !this.isLeader || this.controller.hasSynced);
  }

  get isLeader(): boolean {
    return this.election ? this.election.isLeader : true;
  }

  get healthPort(): number | undefined {
    return this.healthServer?.port;
  }

  /** Reconciles every Store now instead of at the next resync (benchmarks, admin tooling). */
  resyncAll(): void {
    this.controller.resyncAll();
  }

  async start(): Promise<void> {
    this.healthServer = await startHealthServer({
      host: this.options.config.HOST,
      port: this.options.config.PORT,
      health: this.health,
      registry: this.metrics.registry,
    });
    if (this.election) {
      this.election.start();
    } else {
      this.metrics.isLeader.set(1);
      this.controllerStarted = this.startController();
      await this.controllerStarted;
    }
  }

  /** Finishes in-flight reconciles, releases the lease for a fast hand-over, closes the probes. */
  async stop(): Promise<void> {
    this.health.markShuttingDown();
    // Stop first: a controller still waiting for its first list is released by it.
    await this.controller.stop();
    await this.controllerStarted?.catch(() => undefined);
    await this.election?.stop();
    await this.healthServer?.close();
    this.redis.disconnect();
  }

  private async startController(): Promise<void> {
    try {
      await this.controller.start();
    } catch (error) {
      this.options.logger.error({ err: error }, 'store controller failed to start');
      throw error;
    }
  }
}

/** Where `reclaimPolicy: Delete` exports go: the configured object storage, else PLATFORM_OPERATOR_EXPORT_DIR, else nowhere. */
function exportStorageOf(config: OperatorConfig): ObjectStorage | undefined {
  const driver = config.PLATFORM_OBJECT_STORAGE_DRIVER;
  if (driver) return createObjectStorage({ ...config, PLATFORM_OBJECT_STORAGE_DRIVER: driver });
  return config.PLATFORM_OPERATOR_EXPORT_DIR ? new FilesystemObjectStorage(config.PLATFORM_OPERATOR_EXPORT_DIR) : undefined;
}
