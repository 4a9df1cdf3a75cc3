import 'reflect-metadata';
import { loadConfig, loadConfigOrExit } from '@storefront/config';
import { createLogger } from '@storefront/observability';
import { checkoutConfigSchema } from './checkout.config';
import { startCheckout } from './start-checkout';

async function main(): Promise<void> {
  const config = loadConfigOrExit(() => loadConfig(checkoutConfigSchema));
  const logger = createLogger({ service: 'checkout', shard: config.PLATFORM_SHARD_ID, level: config.LOG_LEVEL });
  await startCheckout({ config, logger });
}

void main().catch((error: unknown) => {
  process.stderr.write(`checkout failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
