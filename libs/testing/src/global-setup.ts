import { databaseUrlAs } from '@storefront/database';
import { startDevEnvironment, type DevEnvironment } from '@storefront/dev-services';
import { Client } from 'pg';
import { join } from 'node:path';
import { preparePlatformDatabase } from './platform-database';
import { maintenanceUrlOf, TEMPLATE_DATABASE, TEST_OWNER_LOGIN } from './test-database';
import { prepareTestLogDirectory } from './test-logs';
import { TEST_PLATFORM_API_REDIS_PREFIXES } from './test-redis';
import { prepareTestPrerequisites } from './test-prerequisites';

declare global {
  var __storefrontTestEnvironment: DevEnvironment | undefined;
}

/**
 * Makes every installed or built prerequisite ready (before any test file, so never inside a
 * test's timeout), then starts (or takes from DATABASE_URL / REDIS_URL) PostgreSQL and Redis for
 * the whole run, creates the owner login and builds a template database it owns, migrated by it
 * with the platform schema; each worker clones it. The superuser (TEST_DATABASE_ADMIN_URL) only
 * creates the owner and the databases.
 */
export default async function globalSetup(): Promise<void> {
  await prepareTestPrerequisites();
  const environment = await startDevEnvironment({
    profile: 'test',
    workspaceRoot: join(__dirname, '../../..'),
    mode: 'fast',
    fresh: true,
    platformApiRedisPrefixes: TEST_PLATFORM_API_REDIS_PREFIXES,
  });
  globalThis.__storefrontTestEnvironment = environment;
  process.env.TEST_LOG_DIR = prepareTestLogDirectory(join(__dirname, '../../..'));
  process.env.TEST_DATABASE_ADMIN_URL = environment.databaseUrl;
  const ownerUrl = databaseUrlAs(environment.databaseUrl, TEST_OWNER_LOGIN);
  process.env.TEST_DATABASE_URL = ownerUrl;
  process.env.TEST_REDIS_URL = environment.redisUrl;
  process.env.TEST_REDIS_URLS = JSON.stringify(environment.redisUrls);

  const admin = new Client({ connectionString: maintenanceUrlOf(environment.databaseUrl) });
  await admin.connect();
  try {
    const stale = await admin.query(
      "SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE 'storefront_test_w%'",
      [TEMPLATE_DATABASE],
    );
    for (const { datname } of stale.rows as { datname: string }[]) {
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
  } finally {
    await admin.end();
  }
  await preparePlatformDatabase(environment.databaseUrl, TEMPLATE_DATABASE);
}
