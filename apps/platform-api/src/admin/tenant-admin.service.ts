import { SHARDED_SERVICES, type ProvisioningCondition, type ProvisioningStepState, type TenantDetail, type TenantProvisioning, type TenantSummary } from '@storefront/contracts';
import {
  assertTenantIdentifier,
  AuditLogEntryEntity,
  DomainEntity,
  MerchantEntity,
  ShardAssignmentEntity,
  StoreResourceEntity,
  TenantEntity,
  type DatabaseClusters,
  type TenantStatus,
} from '@storefront/database';
import { TENANT_MIGRATIONS } from '@storefront/tenant-schema';
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
import type { StoreLifecycleStrategy } from '../provisioning/store-lifecycle.strategy';

// The admin API's shapes are contracts shared with the console.
export type { TenantDetail, TenantSummary } from '@storefront/contracts';

export interface TenantListQuery {
  readonly q?: string;
  readonly status?: TenantStatus;
  readonly page: number;
  readonly pageSize: number;
}

export class TenantStateError extends Error {}

/** The statuses in which a tenant holds shard assignments. */
const SHARDED_STATUSES: ReadonlySet<TenantStatus> = new Set<TenantStatus>(['active', 'suspended']);

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
    private readonly stores: StoreLifecycleStrategy,
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
    const [shards, domains, merchants, counts, databaseObjects, store] = await Promise.all([
      this.clusters.primary.getRepository(ShardAssignmentEntity).findBy({ tenantId }),
      this.clusters.primary.getRepository(DomainEntity).find({ where: { tenantId }, order: { createdAt: 'ASC' } }),
      this.clusters.primary.getRepository(MerchantEntity).find({ where: { tenantId }, order: { createdAt: 'ASC' } }),
      this.counts(tenant),
      this.databaseObjects(tenant),
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
      provisioning: provisioningOf(tenant, shards, databaseObjects, store?.conditions),
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

  /**
   * active -> suspended: shoppers get 503, the merchant's admin API turns read-only, and where
   * the storefront runs elsewhere (Kubernetes) it is stopped.
   */
  async suspend(tenantId: string, actor: string): Promise<TenantSummary> {
    return this.transition(tenantId, 'active', 'suspended', actor);
  }

  async resume(tenantId: string, actor: string): Promise<TenantSummary> {
    return this.transition(tenantId, 'suspended', 'active', actor);
  }

  async changePlan(tenantId: string, plan: string, actor: string): Promise<TenantSummary> {
    const tenant = await this.registry.get(tenantId);
    // As for suspend: the Store first, so the registry never names a plan the workload did not get.
    await this.stores.setPlan(tenant, plan);
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
    const { status } = await this.registry.get(tenantId);
    // Assignments are recorded once provisioning is done and removed with the store's data.
    if (!SHARDED_STATUSES.has(status)) throw new TenantStateError(`the tenant is ${status}: it has no shards to move`);
    const move = await this.shards.move(tenantId, service, shard, actor);
    await this.notifier.publish({ tenantId });
    return move;
  }

  private async transition(tenantId: string, from: TenantStatus, to: TenantStatus, actor: string): Promise<TenantSummary> {
    const tenant = await this.registry.get(tenantId);
    if (tenant.status !== from) throw new TenantStateError(`the tenant is ${tenant.status}, not ${from}`);
    // The workload first: if it cannot be changed, neither is the registry, so the platform never
    // calls a store suspended while it still serves (docs/adr/0102, "Admin actions").
    await this.stores.setSuspended(tenant, to === 'suspended');
    return toSummary(await this.registry.setStatus(tenantId, to, actor));
  }

  /** Whether the tenant's role and schema exist on its cluster (null when the cluster cannot be asked). */
  /** What the tenant's cluster holds of it now; a failure to look is reported, not hidden. */
  private async databaseObjects(tenant: TenantEntity): Promise<DatabaseObjects> {
    try {
      const cluster = this.clusters.get(tenant.clusterId);
      const [row] = await cluster.query<{ role: boolean; schema: boolean; settings_table: boolean }[]>(
        `SELECT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = $1) AS role, EXISTS (SELECT 1 FROM pg_namespace WHERE nspname = $2) AS schema,
                to_regclass(format('%I.store_settings', $2)) IS NOT NULL AS settings_table`,
        [tenant.roleName, tenant.schemaName],
      );
      // The schema name is the registry's, checked as an identifier (it cannot be bound).
      const settings =
        row!.settings_table &&
        (await cluster.query<{ seeded: boolean }[]>(`SELECT EXISTS (SELECT 1 FROM "${assertTenantIdentifier(tenant.schemaName)}".store_settings) AS seeded`))[0]!.seeded;
      return { role: row!.role, schema: row!.schema, settings };
    } catch (error) {
      return { error: `could not be checked: ${(error as Error).message}` };
    }
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

type DatabaseObjects = { readonly role: boolean; readonly schema: boolean; readonly settings: boolean } | { readonly error: string };

/**
 * The provisioner's steps as the registry and the tenant's cluster show them now (each step is
 * idempotent and leaves a trace: a row, a role, a schema, a schema version, shard rows, an
 * activation time). Conditions are left to whoever reports them (the operator in Kubernetes).
 */
function provisioningOf(
  tenant: TenantEntity,
  shards: readonly ShardAssignmentEntity[],
  found: DatabaseObjects,
  conditions: readonly ProvisioningCondition[] | undefined,
): TenantProvisioning {
  const objects = 'error' in found ? null : found;
  const unknown = 'error' in found ? found.error : '';
  const target = TENANT_MIGRATIONS.length;
  const shardOf = new Map(shards.map((s) => [s.service, s.shard]));
  const steps: ProvisioningStepState[] = [
    { step: 'register', done: true, detail: `registered ${tenant.createdAt.toISOString()} on cluster ${tenant.clusterId}` },
    { step: 'role', done: objects?.role ?? false, detail: objects ? `${tenant.roleName} ${objects.role ? 'exists' : 'does not exist'}` : unknown },
    { step: 'schema', done: objects?.schema ?? false, detail: objects ? `${tenant.schemaName} ${objects.schema ? 'exists' : 'does not exist'}` : unknown },
    { step: 'migrate', done: tenant.schemaVersion >= target, detail: `schema version ${tenant.schemaVersion} of ${target}` },
    { step: 'seed', done: objects?.settings ?? false, detail: objects ? (objects.settings ? 'store settings written' : 'no store settings yet') : unknown },
    {
      step: 'shards',
      done: SHARDED_SERVICES.every((service) => shardOf.has(service)),
      detail: SHARDED_SERVICES.map((service) => `${service} ${shardOf.get(service) ?? 'unassigned'}`).join(', '),
    },
    {
      step: 'activate',
      done: tenant.provisionedAt !== null,
      detail: tenant.provisionedAt ? `active since ${tenant.provisionedAt.toISOString()}` : 'not activated yet',
    },
  ];
  // In Kubernetes mode the operator's Store conditions say what the steps cannot (workload, domains).
  return { status: tenant.status, steps, ...(conditions ? { conditions } : {}) };
}
