import 'reflect-metadata';
import { loadConfig, loadConfigOrExit } from '@storefront/config';
import { createLogger } from '@storefront/observability';
import { searchConfigSchema } from './search.config';
import { startSearch } from './start-search';

async function main(): Promise<void> {
  const config = loadConfigOrExit(() => loadConfig(searchConfigSchema));
  const logger = createLogger({ service: 'search', shard: config.PLATFORM_SHARD_ID, level: config.LOG_LEVEL });
  await startSearch({ config, logger });
}

void main().catch((error: unknown) => {
  process.stderr.write(`search failed to start: ${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
