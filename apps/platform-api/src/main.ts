import 'reflect-metadata';
import { databasePoolOptionsOf, databaseUrlsOf, loadConfig, loadConfigOrExit } from '@storefront/config';
import { DatabaseClusters } from '@storefront/database';
import { createLogger } from '@storefront/observability';
import Redis from 'ioredis';
import { platformApiConfigSchema } from './platform-api.config';
import { PLATFORM_API_TENANT_ENTITIES } from './platform-api-services';
import { startPlatformApi } from './start-platform-api';

async function main(): Promise<void> {
  const config = loadConfigOrExit(() => loadConfig(platformApiConfigSchema));
  const logger = createLogger({ service: 'platform-api', level: config.LOG_LEVEL });
  const clusters = new DatabaseClusters({
    urls: databaseUrlsOf(config),
    tenantEntities: PLATFORM_API_TENANT_ENTITIES,
    ...databasePoolOptionsOf(config),
    applicationName: 'platform-api',
  });
  await clusters.initialize();
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 3 });

  await startPlatformApi({
    config,
    clusters,
    redis,
    logger,
    shutdownSteps: [
      { name: 'redis', run: async () => void (await redis.quit()) },
      { name: 'postgres', run: () => clusters.destroy() },
    ],
  });
}

void main().catch((error: unknown) => {
  process.stderr.write(`platform-api failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
