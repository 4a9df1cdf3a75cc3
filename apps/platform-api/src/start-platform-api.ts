import type { DatabaseClusters } from '@storefront/database';
import { HealthChecks, type Logger } from '@storefront/observability';
import { startHttpService, type RunningHttpService } from '@storefront/service-runtime';
import type { ObjectStorage } from '@storefront/object-storage';
import { KubeApiClient, loadKubeConfig } from '@storefront/kube-client';
import Redis from 'ioredis';
import { serveConsole } from './console/serve-console';
import { servePlatformApiDocument } from './openapi-document';
import { SystemDnsTxtResolver } from './domains/dns-txt-resolver';
import { DomainVerificationWorker } from './domains/domain-verification.worker';
import { bootstrapPlatformAdmin } from './accounts/platform-admin-bootstrap';
import type { PlatformApiConfig } from './platform-api.config';
import { createPlatformApiModule } from './platform-api.module';
import { createPlatformApiServices, type PlatformApiServices } from './platform-api-services';
import { StoreStatusMirror } from './provisioning/store-status-mirror';

export interface StartPlatformApiOptions {
  readonly config: PlatformApiConfig;
  /** Initialised, with PLATFORM_API_TENANT_ENTITIES among its tenant entities. */
  readonly clusters: DatabaseClusters;
  readonly redis: Redis;
  readonly logger: Logger;
  readonly handleSignals?: boolean;
  readonly objectStorage?: ObjectStorage;
  /** Closed after the HTTP server has drained (main passes the pools and Redis). */
  readonly shutdownSteps?: Parameters<typeof startHttpService>[1]['shutdownSteps'];
}

export interface RunningPlatformApi extends RunningHttpService {
  readonly services: PlatformApiServices;
}

const PURGE_INTERVAL_MS = 60_000;

/** Seeds the first platform admin, then serves the API; used by main.ts and by the tests. */
export async function startPlatformApi(options: StartPlatformApiOptions): Promise<RunningPlatformApi> {
  const { config, clusters, redis, logger } = options;
  const queueConnection = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
  const kube = config.PLATFORM_PROVISIONING === 'kubernetes' ? new KubeApiClient(loadKubeConfig(config.KUBECONFIG)) : undefined;
  const services = createPlatformApiServices(config, clusters, redis, queueConnection, {
    logger,
    ...(options.objectStorage ? { objectStorage: options.objectStorage } : {}),
    ...(kube ? { kube } : {}),
  });
  if (kube) await warnOfOwnerPowers(clusters, logger);
  // Not awaited: the API serves (and in-process parts work) while the API server is unreachable.
  const storeStatus = kube ? new StoreStatusMirror({ client: kube, clusters, namespace: config.PLATFORM_STORE_NAMESPACE!, logger }) : undefined;
  void storeStatus?.start();
  const domainWorker = new DomainVerificationWorker(
    clusters,
    new SystemDnsTxtResolver(config.PLATFORM_DNS_SERVERS),
    services.tenancy.notifier,
    logger,
    { connection: queueConnection, prefix: config.PLATFORM_QUEUE_PREFIX },
  );
  if (config.PLATFORM_ADMIN_EMAIL && config.PLATFORM_ADMIN_PASSWORD) {
    const outcome = await bootstrapPlatformAdmin(clusters, services.hasher, {
      email: config.PLATFORM_ADMIN_EMAIL,
      password: config.PLATFORM_ADMIN_PASSWORD,
    });
    logger.info({ email: config.PLATFORM_ADMIN_EMAIL, outcome }, 'platform admin bootstrap');
  }

  // Tenants past their retention period lose their schema, and signups that died half-way are
  // finished or undone; every replica may run this (each step is idempotent).
  const purge = setInterval(() => {
    services.deletions.purgeDue().catch((error: unknown) => logger.error({ err: error }, 'purging deleted tenants failed'));
    services.signupSweeper.sweep().catch((error: unknown) => logger.error({ err: error }, 'sweeping half-made signups failed'));
    services.domains
      .expireClaims(config.PLATFORM_DOMAIN_CLAIM_TTL_HOURS * 3_600_000)
      .catch((error: unknown) => logger.error({ err: error }, 'expiring custom-domain claims failed'));
  }, PURGE_INTERVAL_MS);
  purge.unref();

  const healthChecks = new HealthChecks()
    .register('postgres', async () => void (await clusters.primary.query('SELECT 1')))
    .register('redis', async () => (await redis.ping()) === 'PONG');
  const running = await startHttpService(createPlatformApiModule(services, { allowHttpLoopback: config.PLATFORM_NOTIFICATIONS_WEBHOOK_ALLOW_HTTP_LOOPBACK }), {
    service: 'platform-api',
    host: config.HOST,
    port: config.PORT,
    trustedProxies: config.PLATFORM_TRUSTED_PROXIES,
    logger,
    healthChecks,
    handleSignals: options.handleSignals ?? true,
    beforeListen: async (app) => {
      servePlatformApiDocument(app);
      await serveConsole(app, config.PLATFORM_CONSOLE_DIR);
    },
    shutdownSteps: [
      { name: 'tenant purge', run: async () => clearInterval(purge) },
      ...(storeStatus ? [{ name: 'store status mirror', run: () => storeStatus.stop() }] : []),
      // The worker finishes the jobs it holds; unfinished ones are picked up again after a restart.
      { name: 'domain verification', run: () => domainWorker.close() },
      {
        name: 'queues',
        run: async () => {
          await services.domainVerifications.close();
          await services.health.close();
          await queueConnection.quit();
        },
      },
      ...(options.shutdownSteps ?? []),
    ],
  });
  return { ...running, services };
}

/**
 * In Kubernetes mode the operator provisions, so the platform API needs no owner powers: a login
 * that can create roles is most likely the owner's URL where `database.platformApiLogin` belongs.
 */
async function warnOfOwnerPowers(clusters: DatabaseClusters, logger: Logger): Promise<void> {
  const [{ powers, login }] = await clusters.primary.query(
    'SELECT session_user AS login, rolsuper OR rolcreaterole OR rolcreatedb AS powers FROM pg_roles WHERE rolname = session_user',
  );
  if (powers) {
    logger.warn({ login }, "the platform API's database login can create roles or databases: in Kubernetes mode give it its own login (PLATFORM_API_DATABASE_URL of the migrations Job)");
  }
}
