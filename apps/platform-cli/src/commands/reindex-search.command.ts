import { databaseUrlsOf, loadConfig, loadConfigOrExit, postgresUrl, redisUrl, tenantDatabaseUrls } from '@storefront/config';
import { DatabaseClusters } from '@storefront/database';
import { enqueueReindex, reindexQueueOf } from '@storefront/product-search';
import { tenantContextFor } from '@storefront/tenancy';
import Redis from 'ioredis';
import { z } from 'zod';

const reindexConfigSchema = z.object({
  DATABASE_URL: postgresUrl,
  REDIS_URL: redisUrl,
  PLATFORM_TENANT_DATABASE_URLS: tenantDatabaseUrls,
});

/**
 * Queues a full search reindex of one store (`--store <slug>`) or of every active store, each on
 * its own search shard's queue; the shards do the work and report progress on the job. Needed
 * once for catalogs written before search existed, and after a store changes its locale.
 */
export async function reindexSearchCommand(args: { store: string | undefined }): Promise<number> {
  const config = loadConfigOrExit(() => loadConfig(reindexConfigSchema));
  const clusters = new DatabaseClusters({ urls: databaseUrlsOf(config), poolSize: 2, applicationName: 'reindex-search' });
  await clusters.initialize();
  const connection = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });
  try {
    const tenants: { id: string; slug: string; cluster_id: string; shard: number }[] = await clusters.primary.query(
      `SELECT t.id, t.slug, t.cluster_id, s.shard FROM platform.tenants t
         JOIN platform.shard_assignments s ON s.tenant_id = t.id AND s.service = 'search'
        WHERE t.status = 'active' AND ($1::text IS NULL OR t.slug = $1) ORDER BY t.slug`,
      [args.store ?? null],
    );
    if (args.store !== undefined && tenants.length === 0) {
      process.stderr.write(`no active store "${args.store}"\n`);
      return 1;
    }
    const queues = new Map<number, ReturnType<typeof reindexQueueOf>>();
    for (const tenant of tenants) {
      const queue = queues.get(tenant.shard) ?? reindexQueueOf(connection, tenant.shard);
      queues.set(tenant.shard, queue);
      const jobId = await enqueueReindex(queue, tenantContextFor({ id: tenant.id, clusterId: tenant.cluster_id }, 'reindex-search'));
      process.stdout.write(`${tenant.slug}: search shard ${tenant.shard}, job ${jobId}\n`);
    }
    await Promise.all([...queues.values()].map((queue) => queue.close()));
    process.stdout.write(`${tenants.length} store(s) queued for reindexing\n`);
    return 0;
  } finally {
    connection.disconnect();
    await clusters.destroy();
  }
}
