import 'reflect-metadata';
import { loadConfig, loadConfigOrExit } from '@storefront/config';
import { createLogger } from '@storefront/observability';
import { notificationsConfigSchema } from './notifications.config';
import { startNotifications } from './start-notifications';

async function main(): Promise<void> {
  const config = loadConfigOrExit(() => loadConfig(notificationsConfigSchema));
  const logger = createLogger({ service: 'notifications', shard: config.PLATFORM_SHARD_ID, level: config.LOG_LEVEL });
  await startNotifications({ config, logger });
}

void main().catch((error: unknown) => {
  process.stderr.write(`notifications failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
