import 'reflect-metadata';
import { databaseUrlsOf, loadConfig, loadConfigOrExit, serviceConfigSchema } from '@storefront/config';
import { DatabaseClusters } from '@storefront/database';
import { createLogger, HealthChecks } from '@storefront/observability';
import { startHttpService } from '@storefront/service-runtime';
import Redis from 'ioredis';
import { PlatformApiModule } from './platform-api.module';

async function main(): Promise<void> {
  const config = loadConfigOrExit(() => loadConfig(serviceConfigSchema));
  const logger = createLogger({ service: 'platform-api', level: config.LOG_LEVEL });
  const clusters = new DatabaseClusters({
    urls: databaseUrlsOf(config),
    poolSize: config.PLATFORM_DB_POOL_SIZE,
    applicationName: 'platform-api',
  });
  await clusters.initialize();
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 3 });
  const healthChecks = new HealthChecks()
    .register('postgres', async () => void (await clusters.primary.query('SELECT 1')))
    .register('redis', async () => (await redis.ping()) === 'PONG');

  await startHttpService(PlatformApiModule, {
    service: 'platform-api',
    host: config.HOST,
    port: config.PORT,
    logger,
    healthChecks,
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
