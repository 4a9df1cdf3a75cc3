import type { DatabaseClusters } from '@storefront/database';

export interface PlatformUsage {
  readonly tenants: { readonly total: number; readonly byStatus: Record<string, number>; readonly byPlan: Record<string, number> };
  /** Live tenants (not deleted) per database cluster. */
  readonly clusters: Record<string, number>;
  /** Live tenants per shard of each sharded service: where load will land. */
  readonly shards: Record<string, Record<string, number>>;
}

/** Platform-wide counts for admins, from the registry alone (no tenant schema is visited). */
export class PlatformUsageService {
  constructor(private readonly clusters: DatabaseClusters) {}

  async usage(): Promise<PlatformUsage> {
    const db = this.clusters.primary;
    const [byStatus, byPlan, byCluster, byShard] = await Promise.all([
      db.query<{ key: string; n: number }[]>('SELECT status AS key, count(*)::int AS n FROM platform.tenants GROUP BY status'),
      db.query<{ key: string; n: number }[]>(`SELECT plan AS key, count(*)::int AS n FROM platform.tenants WHERE status <> 'deleted' GROUP BY plan`),
      db.query<{ key: string; n: number }[]>(`SELECT cluster_id AS key, count(*)::int AS n FROM platform.tenants WHERE status <> 'deleted' GROUP BY cluster_id`),
      db.query<{ service: string; shard: number; n: number }[]>(
        `SELECT s.service, s.shard, count(*)::int AS n FROM platform.shard_assignments s
           JOIN platform.tenants t ON t.id = s.tenant_id WHERE t.status <> 'deleted' GROUP BY s.service, s.shard`,
      ),
    ]);
    const shards: Record<string, Record<string, number>> = {};
    for (const row of byShard) (shards[row.service] ??= {})[String(row.shard)] = row.n;
    return {
      tenants: { total: byStatus.reduce((sum, row) => sum + row.n, 0), byStatus: toRecord(byStatus), byPlan: toRecord(byPlan) },
      clusters: toRecord(byCluster),
      shards,
    };
  }
}

function toRecord(rows: readonly { key: string; n: number }[]): Record<string, number> {
  return Object.fromEntries(rows.map((row) => [row.key, row.n]));
}
