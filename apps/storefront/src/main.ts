import 'reflect-metadata';
import { loadConfig, loadConfigOrExit } from '@storefront/config';
import { createLogger } from '@storefront/observability';
import { startStorefront } from './start-storefront';
import { storefrontConfigSchema } from './storefront.config';

async function main(): Promise<void> {
  const config = loadConfigOrExit(() => loadConfig(storefrontConfigSchema));
  await startStorefront({ config, logger: createLogger({ service: 'storefront', level: config.LOG_LEVEL }) });
}

void main().catch((error: unknown) => {
  process.stderr.write(`storefront failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
