import { databaseUrlAs, DatabaseClusters, isPostgresError, type DatabaseClustersOptions, type DatabaseLogin } from '@storefront/database';
import { Client } from 'pg';

export const TEMPLATE_DATABASE = 'storefront_test_template';

/**
 * The platform's owner as production has it: owns the template (and so every clone) and what the
 * migrations create, may create roles (tenant roles, logins), and is no superuser, so tests meet
 * the privilege errors production would. The test setup creates it on the server.
 */
export const TEST_OWNER_LOGIN: DatabaseLogin = { user: 'platform_owner_login', password: 'test-owner-login-password' };

/** `url` naming the server's `postgres` maintenance database. */
export function maintenanceUrlOf(url: string): string {
  const parsed = new URL(url);
  parsed.pathname = '/postgres';
  return parsed.toString();
}

function requiredEnv(name: 'TEST_DATABASE_URL' | 'TEST_DATABASE_ADMIN_URL'): string {
  const url = process.env[name];
  if (!url) throw new Error(`${name} is not set: run tests through jest.config.js (global setup)`);
  return url;
}

/**
 * The server's superuser. Only test setup that creates or clones databases uses it; code under
 * test never does (it gets testDatabaseUrl(), the owner).
 */
export function testDatabaseAdminUrl(): string {
  return requiredEnv('TEST_DATABASE_ADMIN_URL');
}

/**
 * A database for this Jest worker, cloned from the migrated template on first use, owned by the
 * owner login; the URL logs in as that owner. Tests inside a worker share it but create their own
 * tenants, so they never depend on each other's order. `suffix` gives a second database on the
 * same server (e.g. to stand in for a second cluster).
 */
export async function testDatabaseUrl(suffix = ''): Promise<string> {
  const name = `storefront_test_w${process.env.JEST_WORKER_ID ?? '0'}${suffix ? `_${suffix}` : ''}`;
  const admin = new Client({ connectionString: maintenanceUrlOf(testDatabaseAdminUrl()) });
  await admin.connect();
  try {
    // Objects keep their template owner; the database itself would be the superuser's without OWNER.
    await admin.query(`CREATE DATABASE "${name}" TEMPLATE "${TEMPLATE_DATABASE}" OWNER "${TEST_OWNER_LOGIN.user}"`);
    // A database's own grants are not copied from its template: repeat what the migration did.
    await admin.query(`REVOKE TEMPORARY ON DATABASE "${name}" FROM PUBLIC`);
  } catch (error) {
    if (!isPostgresError(error, '42P04')) throw error; // duplicate_database: already cloned
  } finally {
    await admin.end();
  }
  const parsed = new URL(requiredEnv('TEST_DATABASE_URL'));
  parsed.pathname = `/${name}`;
  return parsed.toString();
}

/** DatabaseClusters on this worker's database, initialised; call destroy() in afterAll. */
export async function createTestClusters(
  options: Omit<DatabaseClustersOptions, 'urls'> & {
    /** A private database instead of the worker's shared one (for tests that count all tenants). */
    database?: string;
    extraClusters?: readonly string[];
    /** Another login than the owner's (e.g. TEST_PLATFORM_API_LOGIN), on every cluster. */
    login?: DatabaseLogin;
  } = {},
): Promise<DatabaseClusters> {
  const as = (url: string): string => (options.login ? databaseUrlAs(url, options.login) : url);
  const urls: Record<string, string> = { main: as(await testDatabaseUrl(options.database)) };
  for (const clusterId of options.extraClusters ?? []) {
    urls[clusterId] = as(await testDatabaseUrl(`${options.database ?? ''}${clusterId}`));
  }
  const { database: _database, extraClusters: _extra, login: _login, ...clusterOptions } = options;
  const clusters = new DatabaseClusters({ ...clusterOptions, urls });
  await clusters.initialize();
  return clusters;
}


/** The shared services' login as production has it; the test setup creates it on the server. */
export const TEST_SERVICE_LOGIN: DatabaseLogin = { user: 'platform_service_login', password: 'test-service-login-password' };

/**
 * This worker's database as the shared services reach it: through the service login, which owns
 * nothing and must SET ROLE to reach a tenant. Shard processes under test connect with this.
 */
export async function testServiceDatabaseUrl(suffix = ''): Promise<string> {
  return databaseUrlAs(await testDatabaseUrl(suffix), TEST_SERVICE_LOGIN);
}

/**
 * The platform API's own login as Kubernetes mode has it (the chart's `database.platformApiLogin`):
 * registry and audit-log grants, tenant switch, the drop functions; the test setup creates it.
 */
export const TEST_PLATFORM_API_LOGIN: DatabaseLogin = { user: 'platform_api_login', password: 'test-platform-api-login-password' };
