import type { DatabaseClusters } from '@storefront/database';
import { LRUCache } from 'lru-cache';

/** Registry facts about a store that its own schema does not hold (and its role cannot read). */
export interface TenantFacts {
  readonly name: string;
  readonly host: string | null;
  readonly merchantEmail: string | null;
}

/** Reads them from the platform registry, cached briefly: every event of a burst needs the same row. */
export class TenantFactsReader {
  private readonly cache = new LRUCache<string, TenantFacts>({ max: 10_000, ttl: 30_000 });

  constructor(private readonly clusters: DatabaseClusters) {}

  /** Undefined for a tenant no longer in the registry (deleted since its events were written). */
  async of(tenantId: string): Promise<TenantFacts | undefined> {
    const cached = this.cache.get(tenantId);
    if (cached) return cached;
    const [row] = await this.clusters.primary.query(
      `SELECT t.name,
              (SELECT host FROM platform.domains d WHERE d.tenant_id = t.id AND d.kind = 'platform' LIMIT 1) AS host,
              (SELECT email FROM platform.merchants m WHERE m.tenant_id = t.id ORDER BY m.created_at LIMIT 1) AS merchant_email
         FROM platform.tenants t WHERE t.id = $1`,
      [tenantId],
    );
    if (!row) return undefined;
    const facts: TenantFacts = { name: row.name, host: row.host, merchantEmail: row.merchant_email };
    // A store without its merchant yet is looked up again next time (signup adds the merchant last).
    if (facts.merchantEmail) this.cache.set(tenantId, facts);
    return facts;
  }
}
