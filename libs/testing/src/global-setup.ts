import { DatabaseClusters, ensureServiceDatabaseLogin, runPlatformMigrations } from '@storefront/database';
import { startDevEnvironment, type DevEnvironment } from '@storefront/dev-services';
import { Client } from 'pg';
import { join } from 'node:path';
import { TEMPLATE_DATABASE, TEST_SERVICE_LOGIN, adminUrlOf } from './test-database';
import { prepareTestLogDirectory } from './test-logs';
import { prepareTestPrerequisites } from './test-prerequisites';

declare global {
  var __storefrontTestEnvironment: DevEnvironment | undefined;
}

/**
 * Makes every installed or built prerequisite ready (before any test file, so never inside a
 * test's timeout), then starts (or takes from DATABASE_URL / REDIS_URL) PostgreSQL and Redis for the whole run and
 * builds a template database with the platform schema; each worker clones it.
 */
export default async function globalSetup(): Promise<void> {
  await prepareTestPrerequisites();
  const environment = await startDevEnvironment({
    profile: 'test',
    workspaceRoot: join(__dirname, '../../..'),
    mode: 'fast',
    fresh: true,
  });
  globalThis.__storefrontTestEnvironment = environment;
  process.env.TEST_LOG_DIR = prepareTestLogDirectory(join(__dirname, '../../..'));
  process.env.TEST_DATABASE_URL = environment.databaseUrl;
  process.env.TEST_REDIS_URL = environment.redisUrl;
  process.env.TEST_REDIS_URLS = JSON.stringify(environment.redisUrls);

  const admin = new Client({ connectionString: adminUrlOf(environment.databaseUrl) });
  await admin.connect();
  try {
    const stale = await admin.query(
      "SELECT datname FROM pg_database WHERE datname = $1 OR datname LIKE 'storefront_test_w%'",
      [TEMPLATE_DATABASE],
    );
    for (const { datname } of stale.rows as { datname: string }[]) {
      await admin.query(`DROP DATABASE IF EXISTS "${datname}" WITH (FORCE)`);
    }
    await admin.query(`CREATE DATABASE "${TEMPLATE_DATABASE}"`);
  } finally {
    await admin.end();
  }

  const clusters = new DatabaseClusters({ urls: { main: databaseUrlFor(environment.databaseUrl, TEMPLATE_DATABASE) } });
  await clusters.initialize();
  await runPlatformMigrations(clusters.primary);
  await ensureServiceDatabaseLogin(clusters.primary, TEST_SERVICE_LOGIN);
  await clusters.destroy();
}

function databaseUrlFor(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
