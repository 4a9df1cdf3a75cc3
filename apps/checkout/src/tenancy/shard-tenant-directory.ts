import type { DatabaseClusters, TenantStatus } from '@storefront/database';
import { LRUCache } from 'lru-cache';

export interface ShardTenant {
  readonly tenantId: string;
  readonly status: TenantStatus;
  readonly clusterId: string;
  readonly shard: number | undefined;
}

/**
 * Registry facts a checkout shard needs per request (status, cluster, recorded shard), cached
 * briefly so a request costs no registry query; the TTL bounds how long a move or suspension
 * takes to reach every shard.
 */
export class ShardTenantDirectory {
  private readonly cache: LRUCache<string, { value: ShardTenant | undefined }>;

  constructor(
    private readonly clusters: DatabaseClusters,
    ttlMs = 5_000,
  ) {
    this.cache = new LRUCache({ max: 50_000, ttl: ttlMs });
  }

  async lookup(tenantId: string): Promise<ShardTenant | undefined> {
    const cached = this.cache.get(tenantId);
    if (cached) return cached.value;
    const [row] = await this.clusters.primary.query(
      `SELECT t.status, t.cluster_id, s.shard FROM platform.tenants t
         LEFT JOIN platform.shard_assignments s ON s.tenant_id = t.id AND s.service = 'checkout'
        WHERE t.id = $1`,
      [tenantId],
    );
    const value: ShardTenant | undefined = row
      ? { tenantId, status: row.status, clusterId: row.cluster_id, shard: row.shard ?? undefined }
      : undefined;
    this.cache.set(tenantId, { value });
    return value;
  }

  invalidate(tenantId: string): void {
    this.cache.delete(tenantId);
  }
}
