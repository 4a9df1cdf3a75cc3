import { databaseUrlAs, DatabaseClusters, ensurePlatformApiDatabaseLogin, ensureServiceDatabaseLogin, runPlatformMigrations } from '@storefront/database';
import { ensureOwnerLogin } from '@storefront/dev-services';
import { Client } from 'pg';
import { maintenanceUrlOf, TEST_OWNER_LOGIN, TEST_PLATFORM_API_LOGIN, TEST_SERVICE_LOGIN } from './test-database';

/** A platform database as production has it, and the URLs of its two logins. */
export interface PlatformDatabase {
  /** The owner: provisioning and migrations. */
  readonly ownerUrl: string;
  /** The shared services' login, which must SET ROLE to reach a tenant. */
  readonly serviceUrl: string;
}

/**
 * Creates `database` on the server of `superuserUrl`, owned by the owner login (created when
 * missing), migrated by it with the platform schema, with the service and platform API logins: the template of the
 * test run, or the database of a test that runs a server of its own.
 */
export async function preparePlatformDatabase(superuserUrl: string, database: string): Promise<PlatformDatabase> {
  const admin = new Client({ connectionString: maintenanceUrlOf(superuserUrl) });
  await admin.connect();
  try {
    await ensureOwnerLogin(admin, TEST_OWNER_LOGIN);
    await admin.query(`CREATE DATABASE "${database}" OWNER "${TEST_OWNER_LOGIN.user}"`);
  } finally {
    await admin.end();
  }
  const ownerUrl = databaseUrlAs(databaseUrlFor(superuserUrl, database), TEST_OWNER_LOGIN);
  const clusters = new DatabaseClusters({ urls: { main: ownerUrl } });
  await clusters.initialize();
  try {
    await runPlatformMigrations(clusters.primary);
    await ensureServiceDatabaseLogin(clusters.primary, TEST_SERVICE_LOGIN);
    await ensurePlatformApiDatabaseLogin(clusters.primary, TEST_PLATFORM_API_LOGIN);
  } finally {
    await clusters.destroy();
  }
  return { ownerUrl, serviceUrl: databaseUrlAs(ownerUrl, TEST_SERVICE_LOGIN) };
}

function databaseUrlFor(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}
