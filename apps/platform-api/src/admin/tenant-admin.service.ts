import {
  AuditLogEntryEntity,
  DomainEntity,
  MerchantEntity,
  ShardAssignmentEntity,
  StoreResourceEntity,
  TenantEntity,
  type DatabaseClusters,
  type StoreResourceCondition,
  type TenantStatus,
} from '@storefront/database';
import {
  tenantContextFor,
  type ShardAssignments,
  type ShardedService,
  type ShardMove,
  type TenantChangeNotifier,
  type TenantRegistry,
  type TenantUnitOfWork,
} from '@storefront/tenancy';
import { Brackets } from 'typeorm';

export interface TenantSummary {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly status: TenantStatus;
  readonly plan: string;
  readonly createdAt: string;
}

export interface TenantDetail extends TenantSummary {
  readonly provisionedAt: string | null;
  readonly deleteAfter: string | null;
  readonly placement: { readonly clusterId: string; readonly schema: string; readonly shards: Record<string, number> };
  readonly domains: readonly { host: string; kind: string; verified: boolean }[];
  readonly merchants: readonly string[];
  /** Row counts of the tenant's main tables; null once its schema is gone. */
  readonly counts: Readonly<Record<string, number>> | null;
  /** Kubernetes mode: the tenant's Store resource and the status its operator last reported; null locally. */
  readonly store: {
    readonly namespace: string;
    readonly name: string;
    /** The Store's phase (Provisioning, Ready, Suspended, Failed, Deleting), `Deleted` once it is gone, null before the first report. */
    readonly phase: string | null;
    readonly ready: boolean;
    readonly conditions: readonly StoreResourceCondition[];
    readonly statusChangedAt: string | null;
  } | null;
}

export interface TenantListQuery {
  readonly q?: string;
  readonly status?: TenantStatus;
  readonly page: number;
  readonly pageSize: number;
}

export class TenantStateError extends Error {}

/** Tables counted in a tenant's detail when they exist (orders arrive with the checkout module). */
const COUNTED_TABLES = ['products', 'variants', 'categories', 'orders', 'customers'] as const;

/** What platform admins see and do to tenants; every change goes to the audit log with its actor. */
export class TenantAdminService {
  constructor(
    private readonly clusters: DatabaseClusters,
    private readonly registry: TenantRegistry,
    private readonly unitOfWork: TenantUnitOfWork,
    private readonly shards: ShardAssignments,
    private readonly notifier: TenantChangeNotifier,
  ) {}

  async list(query: TenantListQuery): Promise<{ items: TenantSummary[]; total: number }> {
    const builder = this.clusters.primary.getRepository(TenantEntity).createQueryBuilder('t');
    if (query.status) builder.andWhere('t.status = :status', { status: query.status });
    if (query.q) {
      const pattern = `%${query.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
      builder.andWhere(
        new Brackets((where) =>
          where
            .where('t.slug ILIKE :pattern', { pattern })
            .orWhere('t.name ILIKE :pattern', { pattern })
            .orWhere('EXISTS (SELECT 1 FROM platform.merchants m WHERE m.tenant_id = t.id AND m.email ILIKE :pattern)', { pattern }),
        ),
      );
    }
    const [tenants, total] = await builder
      .orderBy('t.created_at', 'DESC')
      .addOrderBy('t.id', 'ASC')
      .skip((query.page - 1) * query.pageSize)
      .take(query.pageSize)
      .getManyAndCount();
    return { items: tenants.map(toSummary), total };
  }

  async detail(tenantId: string): Promise<TenantDetail> {
    const tenant = await this.registry.get(tenantId);
    const [shards, domains, merchants, counts, store] = await Promise.all([
      this.clusters.primary.getRepository(ShardAssignmentEntity).findBy({ tenantId }),
      this.clusters.primary.getRepository(DomainEntity).find({ where: { tenantId }, order: { createdAt: 'ASC' } }),
      this.clusters.primary.getRepository(MerchantEntity).find({ where: { tenantId }, order: { createdAt: 'ASC' } }),
      this.counts(tenant),
      this.clusters.primary.getRepository(StoreResourceEntity).findOneBy({ tenantId }),
    ]);
    return {
      ...toSummary(tenant),
      provisionedAt: tenant.provisionedAt?.toISOString() ?? null,
      deleteAfter: tenant.deleteAfter?.toISOString() ?? null,
      placement: {
        clusterId: tenant.clusterId,
        schema: tenant.schemaName,
        shards: Object.fromEntries(shards.map((s) => [s.service, s.shard])),
      },
      domains: domains.map((d) => ({ host: d.host, kind: d.kind, verified: d.verifiedAt !== null })),
      merchants: merchants.map((m) => m.email),
      counts,
      store: store
        ? {
            namespace: store.namespace,
            name: store.name,
            phase: store.phase,
            ready: store.ready,
            conditions: store.conditions,
            statusChangedAt: store.statusChangedAt?.toISOString() ?? null,
          }
        : null,
    };
  }

  /** active -> suspended: shoppers get 503, the merchant's admin API turns read-only. */
  async suspend(tenantId: string, actor: string): Promise<TenantSummary> {
    return this.transition(tenantId, 'active', 'suspended', actor);
  }

  async resume(tenantId: string, actor: string): Promise<TenantSummary> {
    return this.transition(tenantId, 'suspended', 'active', actor);
  }

  async changePlan(tenantId: string, plan: string, actor: string): Promise<TenantSummary> {
    const tenant = await this.registry.get(tenantId);
    await this.clusters.primary.transaction(async (manager) => {
      await manager.getRepository(TenantEntity).update({ id: tenantId }, { plan });
      await manager.getRepository(AuditLogEntryEntity).insert({
        actor,
        action: 'tenant.plan_changed',
        tenantId,
        details: { from: tenant.plan, to: plan },
      });
    });
    return toSummary(await this.registry.get(tenantId));
  }

  /** An explicit, audited move that pins the tenant; shard routers hear of it on the change channel. */
  async moveShard(tenantId: string, service: ShardedService, shard: number, actor: string): Promise<ShardMove> {
    await this.registry.get(tenantId);
    const move = await this.shards.move(tenantId, service, shard, actor);
    await this.notifier.publish({ tenantId });
    return move;
  }

  private async transition(tenantId: string, from: TenantStatus, to: TenantStatus, actor: string): Promise<TenantSummary> {
    const tenant = await this.registry.get(tenantId);
    if (tenant.status !== from) throw new TenantStateError(`the tenant is ${tenant.status}, not ${from}`);
    return toSummary(await this.registry.setStatus(tenantId, to, actor));
  }

  private async counts(tenant: TenantEntity): Promise<Record<string, number> | null> {
    if (tenant.status === 'deleted' || tenant.status === 'provisioning') return null;
    return this.unitOfWork.run(tenantContextFor(tenant, 'admin-detail'), async (tx) => {
      const present = await tx.query<{ name: string }[]>(
        `SELECT c.relname AS name FROM pg_class c WHERE c.relnamespace = current_schema()::regnamespace AND c.relname = ANY($1) AND c.relkind = 'r'`,
        [COUNTED_TABLES],
      );
      const counts: Record<string, number> = {};
      for (const table of COUNTED_TABLES.filter((t) => present.some((p) => p.name === t))) {
        const [row] = await tx.query<{ n: number }[]>(`SELECT count(*)::int AS n FROM "${table}"`);
        counts[table] = row!.n;
      }
      return counts;
    });
  }
}

export function toSummary(tenant: TenantEntity): TenantSummary {
  return {
    id: tenant.id,
    slug: tenant.slug,
    name: tenant.name,
    status: tenant.status,
    plan: tenant.plan,
    createdAt: tenant.createdAt.toISOString(),
  };
}
