import { databaseUrlsOf, loadConfig, loadConfigOrExit, postgresUrl, positiveInt, tenantDatabaseUrls } from '@storefront/config';
import {
  databaseLoginOf,
  DatabaseClusters,
  ensurePlatformApiDatabaseLogin,
  ensureServiceDatabaseLogin,
  runPlatformMigrationsOnAllClusters,
  type DatabaseLogin,
} from '@storefront/database';
import type { DataSource } from 'typeorm';
import { TenantMigrator } from '@storefront/tenancy';
import { z } from 'zod';
import { createProgressReporter } from '../progress-reporter';

const migrateConfigSchema = z.object({
  DATABASE_URL: postgresUrl,
  PLATFORM_TENANT_DATABASE_URLS: tenantDatabaseUrls,
  /** The shared services' URL (the chart's shards use it): its login is created or updated on every cluster. */
  PLATFORM_SERVICE_DATABASE_URL: postgresUrl.optional(),
  /** The platform API's URL in Kubernetes mode (the chart's platform-api uses it): ensured the same way. */
  PLATFORM_API_DATABASE_URL: postgresUrl.optional(),
});

/** The logins of the chart's components that this command creates, or gives their new password. */
const COMPONENT_LOGINS: readonly {
  readonly variable: 'PLATFORM_SERVICE_DATABASE_URL' | 'PLATFORM_API_DATABASE_URL';
  readonly what: string;
  readonly ensure: (owner: DataSource, login: DatabaseLogin) => Promise<void>;
}[] = [
  { variable: 'PLATFORM_SERVICE_DATABASE_URL', what: 'service login', ensure: ensureServiceDatabaseLogin },
  { variable: 'PLATFORM_API_DATABASE_URL', what: 'platform API login', ensure: ensurePlatformApiDatabaseLogin },
];

/**
 * Applies platform migrations, ensures the shared services' and the platform API's logins (when their
 * URLs are given),
 * then pending tenant migrations to every tenant, in parallel, with a progress bar and a summary.
 * Exit code 1 when any tenant failed; re-run to resume.
 */
export async function migrateAllTenantsCommand(args: { concurrency: string | undefined }): Promise<number> {
  const config = loadConfigOrExit(() => loadConfig(migrateConfigSchema));
  const concurrency = positiveInt.safeParse(args.concurrency ?? '8');
  if (!concurrency.success) {
    process.stderr.write(`--concurrency must be a whole number of at least 1, got "${args.concurrency}"\n`);
    return 64;
  }
  const clusters = new DatabaseClusters({
    urls: databaseUrlsOf(config),
    poolSize: concurrency.data + 2,
    applicationName: 'migrate-all-tenants',
  });
  await clusters.initialize();
  try {
    const platformApplied = await runPlatformMigrationsOnAllClusters(clusters);
    for (const [clusterId, names] of Object.entries(platformApplied)) {
      if (names.length > 0) process.stderr.write(`platform migrations applied on ${clusterId}: ${names.join(', ')}\n`);
    }
    for (const { variable, what, ensure } of COMPONENT_LOGINS) {
      const url = config[variable];
      if (!url) continue;
      // Logins belong to the server: a component logs in as the same one on every cluster.
      const login = databaseLoginOf(url);
      for (const clusterId of clusters.clusterIds) await ensure(clusters.get(clusterId), login);
      process.stderr.write(`${what} ${login.user} ensured on ${clusters.clusterIds.join(', ')}\n`);
    }

    const migrator = new TenantMigrator(clusters);
    const progress = createProgressReporter('tenants');
    const summary = await migrator.migrateAll({
      concurrency: concurrency.data,
      onProgress: (p) => progress.update(p.succeeded + p.failed, p.total, p.failed),
    });
    progress.stop();

    const lines = [
      `tenant schema version ${summary.targetVersion}: ${summary.succeeded.length} migrated, ` +
        `${summary.failed.length} failed, of ${summary.total} behind (${(summary.durationMs / 1000).toFixed(1)} s)`,
      ...summary.failed.map((f) => `  FAILED ${f.tenantId}: ${f.error.message}`),
    ];
    if (summary.failed.length > 0) lines.push('Fix the failures and run again; only the tenants still behind are migrated.');
    process.stdout.write(`${lines.join('\n')}\n`);
    return summary.failed.length > 0 ? 1 : 0;
  } finally {
    await clusters.destroy();
  }
}
