import type { DataSource } from 'typeorm';
import type { DatabaseClusters } from '../database-clusters';

/** Arbitrary constant: serialises platform migrations when several processes start at once. */
const PLATFORM_MIGRATION_LOCK = 7_340_001;

/** Creates the `platform` schema and applies pending platform migrations, one process at a time. */
export async function runPlatformMigrations(dataSource: DataSource): Promise<string[]> {
  const runner = dataSource.createQueryRunner();
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [PLATFORM_MIGRATION_LOCK]);
    await runner.query('CREATE SCHEMA IF NOT EXISTS platform');
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((migration) => migration.name);
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [PLATFORM_MIGRATION_LOCK]).catch(() => undefined);
    await runner.release();
  }
}

/**
 * Every cluster carries the platform schema: the registry is used on `main` only, but each
 * cluster's outbox must exist before tenant schemas there can append events.
 */
export async function runPlatformMigrationsOnAllClusters(clusters: DatabaseClusters): Promise<Record<string, string[]>> {
  const applied: Record<string, string[]> = {};
  for (const clusterId of clusters.clusterIds) applied[clusterId] = await runPlatformMigrations(clusters.get(clusterId));
  return applied;
}
