import { DomainEntity, TenantEntity, type DatabaseClusters, type TenantStatus } from '@storefront/database';
import { LRUCache } from 'lru-cache';
import { IsNull, Not } from 'typeorm';

/** What a request needs to know about the store a host belongs to. */
export interface ResolvedTenant {
  readonly tenantId: string;
  readonly slug: string;
  readonly name: string;
  readonly status: TenantStatus;
  readonly clusterId: string;
}

export interface TenantHostResolverOptions {
  readonly maxEntries?: number;
  /** Upper bound on staleness if an invalidation message is lost. */
  readonly ttlMs?: number;
}

const NOT_FOUND = Symbol('not found');
type CacheValue = ResolvedTenant | typeof NOT_FOUND;

/**
 * Host header -> tenant: `<slug>.<platform domain>` or a verified custom domain. Answers come
 * from an in-process LRU; `invalidate(tenantId)` (fed by TenantChangeNotifier) drops a tenant's
 * entries and every negative entry, since a change may have added a host.
 */
export class TenantHostResolver {
  private readonly cache: LRUCache<string, { value: CacheValue }>;
  constructor(
    private readonly clusters: DatabaseClusters,
    options: TenantHostResolverOptions = {},
  ) {
    this.cache = new LRUCache({ max: options.maxEntries ?? 10_000, ttl: options.ttlMs ?? 60_000 });
  }

  async resolve(hostHeader: string): Promise<ResolvedTenant | undefined> {
    const host = normaliseHost(hostHeader);
    if (!host) return undefined;
    const cached = this.cache.get(host);
    if (cached) return cached.value === NOT_FOUND ? undefined : cached.value;

    const resolved = await this.lookup(host);
    this.cache.set(host, { value: resolved ?? NOT_FOUND });
    return resolved;
  }

  invalidate(tenantId: string): void {
    for (const [host, entry] of this.cache.entries()) {
      if (entry.value === NOT_FOUND || entry.value.tenantId === tenantId) this.cache.delete(host);
    }
  }

  private async lookup(host: string): Promise<ResolvedTenant | undefined> {
    const domain = await this.clusters.primary
      .getRepository(DomainEntity)
      .findOneBy({ host, verifiedAt: Not(IsNull()) });
    if (!domain) return undefined;
    const tenant = await this.clusters.primary.getRepository(TenantEntity).findOneBy({ id: domain.tenantId });
    // A store being deleted stops serving at once: nothing a shopper does after its export is kept.
    if (!tenant || tenant.status === 'deleted' || tenant.status === 'deleting' || tenant.status === 'provisioning') return undefined;
    return {
      tenantId: tenant.id,
      slug: tenant.slug,
      name: tenant.name,
      status: tenant.status,
      clusterId: tenant.clusterId,
    };
  }
}

/** Lowercases, strips the port and a trailing dot; rejects anything that is not a host name. */
export function normaliseHost(hostHeader: string): string | undefined {
  const host = hostHeader.trim().toLowerCase().replace(/:\d+$/, '').replace(/\.$/, '');
  return /^[a-z0-9.-]{1,253}$/.test(host) ? host : undefined;
}
