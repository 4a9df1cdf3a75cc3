import { databaseUrlsOf, loadConfig, loadConfigOrExit, postgresUrl, positiveInt, tenantDatabaseUrls } from '@storefront/config';
import { databaseLoginOf, DatabaseClusters, ensureServiceDatabaseLogin, runPlatformMigrationsOnAllClusters } from '@storefront/database';
import { TenantMigrator } from '@storefront/tenancy';
import { z } from 'zod';
import { createProgressReporter } from '../progress-reporter';

const migrateConfigSchema = z.object({
  DATABASE_URL: postgresUrl,
  PLATFORM_TENANT_DATABASE_URLS: tenantDatabaseUrls,
  /** The shared services' URL (the chart's shards use it): its login is created or updated on every cluster. */
  PLATFORM_SERVICE_DATABASE_URL: postgresUrl.optional(),
});

/**
 * Applies platform migrations, ensures the shared services' login (with PLATFORM_SERVICE_DATABASE_URL),
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
    if (config.PLATFORM_SERVICE_DATABASE_URL) {
      // Logins belong to the server: the shards log in as the same one on every cluster.
      const login = databaseLoginOf(config.PLATFORM_SERVICE_DATABASE_URL);
      for (const clusterId of clusters.clusterIds) await ensureServiceDatabaseLogin(clusters.get(clusterId), login);
      process.stderr.write(`service login ${login.user} ensured on ${clusters.clusterIds.join(', ')}\n`);
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
