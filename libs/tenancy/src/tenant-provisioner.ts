import { PROVISIONING_STEP_NAMES, type ProvisioningStepName } from '@storefront/contracts';
import {
  assertTenantIdentifier,
  DomainEntity,
  isPostgresError,
  PostgresErrorCode,
  TenantEntity,
  tenantIdentifierFor,
  TENANT_SWITCH_ROLE,
  type DatabaseClusters,
} from '@storefront/database';
import { seedTenantSchema } from '@storefront/tenant-schema';
import { randomBytes } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { rendezvousPick } from './rendezvous-hash';
import type { ShardAssignments } from './shard-assignments';
import type { TenantMigrator } from './tenant-migrator';
import { tenantContextFor } from './tenant-context';
import { TenantUnitOfWork, type TenantTransaction } from './tenant-unit-of-work';

export interface ProvisionTenantInput {
  /** Chosen by the caller and kept, so a retry after a crash provisions the same tenant. */
  readonly tenantId: string;
  readonly slug: string;
  readonly name: string;
  readonly plan?: string;
}

export const PROVISIONING_STEPS = PROVISIONING_STEP_NAMES;
export type ProvisioningStep = ProvisioningStepName;

export class SlugTakenError extends Error {
  constructor(readonly slug: string) {
    super(`the store address "${slug}" is taken`);
    this.name = 'SlugTakenError';
  }
}

export interface TenantProvisionerOptions {
  readonly platformDomain: string;
  /** Called after each completed step; lets tests and progress reporters observe the run. */
  readonly afterStep?: (step: ProvisioningStep, tenantId: string) => void | Promise<void>;
  /**
   * Runs in the tenant's transaction just before it turns active (and again if activation is
   * retried after a crash): where the platform announces `store.provisioned` through the outbox.
   */
  readonly beforeActivation?: (tx: TenantTransaction, tenant: TenantEntity) => Promise<void>;
}

export interface ProvisionOptions {
  /**
   * Mark the tenant active at the end (default). The operator passes false and activates the
   * tenant itself once its storefront is available (see activate()).
   */
  readonly activate?: boolean;
}

/**
 * Creates a tenant: registry row, NOLOGIN role, schema owned by the migrations role, tenant
 * migrations, the store's first settings (its registered name), shard assignments, then marks
 * it active. Every step is idempotent, so running again after a crash at any point completes
 * the same tenant instead of making a second one. Used in-process locally and by the
 * Kubernetes operator.
 */
export class TenantProvisioner {
  constructor(
    private readonly clusters: DatabaseClusters,
    private readonly migrator: TenantMigrator,
    private readonly shards: ShardAssignments,
    private readonly options: TenantProvisionerOptions,
  ) {}

  async provision(input: ProvisionTenantInput, options: ProvisionOptions = {}): Promise<TenantEntity> {
    const tenant = await this.register(input);
    await this.step('register', tenant.id);
    const cluster = this.clusters.get(tenant.clusterId);

    await this.createRole(cluster, tenant.roleName);
    await this.step('role', tenant.id);

    await this.createSchema(cluster, tenant.schemaName, tenant.roleName);
    await this.step('schema', tenant.id);

    await this.migrator.migrateTenant(tenant);
    await this.step('migrate', tenant.id);

    await this.seed(cluster, tenant);
    await this.step('seed', tenant.id);

    await this.shards.assignAll(tenant.id);
    await this.step('shards', tenant.id);

    if (options.activate ?? true) {
      await this.activate(tenant.id);
      await this.step('activate', tenant.id);
    }
    return this.clusters.primary.getRepository(TenantEntity).findOneByOrFail({ id: tenant.id });
  }

  /** provisioning -> active; true when this call made the change (a tenant in any other state is left alone). */
  async activate(tenantId: string): Promise<boolean> {
    const announce = this.options.beforeActivation;
    if (announce) {
      const tenant = await this.clusters.primary.getRepository(TenantEntity).findOneBy({ id: tenantId, status: 'provisioning' });
      if (!tenant) return false;
      // Before the status change, so a crash in between repeats the announcement (its consumers
      // dedupe by event id) instead of losing it.
      await new TenantUnitOfWork(this.clusters).run(tenantContextFor(tenant, 'provisioning'), (tx) => announce(tx, tenant));
    }
    const result = await this.clusters.primary
      .getRepository(TenantEntity)
      .createQueryBuilder()
      .update()
      .set({ status: 'active', provisionedAt: () => 'now()' })
      .where('id = :id AND status = :status', { id: tenantId, status: 'provisioning' })
      .execute();
    return (result.affected ?? 0) > 0;
  }

  /** Re-runs provisioning for tenants left half-way (e.g. after a crash or restart). */
  async resumeIncomplete(): Promise<TenantEntity[]> {
    const stuck = await this.clusters.primary.getRepository(TenantEntity).findBy({ status: 'provisioning' });
    const resumed: TenantEntity[] = [];
    for (const tenant of stuck) {
      resumed.push(await this.provision({ tenantId: tenant.id, slug: tenant.slug, name: tenant.name, plan: tenant.plan }));
    }
    return resumed;
  }

  /**
   * The first step alone: the registry row (status `provisioning`, the slug now taken) and the
   * platform host. Kubernetes signup stops here and leaves the rest to the operator.
   */
  async register(input: ProvisionTenantInput): Promise<TenantEntity> {
    const identifier = tenantIdentifierFor(input.tenantId);
    const repository = this.clusters.primary.getRepository(TenantEntity);
    const existing = await repository.findOneBy({ id: input.tenantId });
    if (existing) return existing;
    try {
      await this.clusters.primary.transaction(async (manager) => {
        await manager.getRepository(TenantEntity).insert({
          id: input.tenantId,
          slug: input.slug,
          name: input.name,
          status: 'provisioning',
          plan: input.plan ?? 'starter',
          clusterId: rendezvousPick(input.tenantId, this.clusters.clusterIds),
          schemaName: identifier,
          roleName: identifier,
          schemaVersion: 0,
          provisionedAt: null,
        });
        await manager.getRepository(DomainEntity).insert({
          host: `${input.slug}.${this.options.platformDomain}`,
          tenantId: input.tenantId,
          kind: 'platform',
          verificationToken: randomBytes(16).toString('hex'),
          verifiedAt: new Date(),
        });
      });
    } catch (error) {
      if (isPostgresError(error, PostgresErrorCode.uniqueViolation)) {
        const raced = await repository.findOneBy({ id: input.tenantId });
        if (raced) return raced;
        throw new SlugTakenError(input.slug);
      }
      throw error;
    }
    return repository.findOneByOrFail({ id: input.tenantId });
  }

  private async createRole(cluster: DataSource, role: string): Promise<void> {
    await cluster.transaction(async (manager) => {
      // Concurrent CREATE ROLEs of one name race on pg_authid's unique index; the lock serialises them.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [role]);
      const existing = await manager.query('SELECT 1 FROM pg_roles WHERE rolname = $1', [role]);
      if (existing.length === 0) await manager.query(`CREATE ROLE "${role}" NOLOGIN`);
      // The pool's login role switches to the tenant role with SET ROLE, which needs membership;
      // the shared services' login reaches it the same way, through the NOINHERIT switch role.
      await manager.query(`GRANT "${role}" TO CURRENT_USER`);
      await manager.query(`GRANT "${role}" TO ${TENANT_SWITCH_ROLE}`);
    });
  }

  private async createSchema(cluster: DataSource, schema: string, role: string): Promise<void> {
    await cluster.transaction(async (manager) => {
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [schema]);
      await manager.query(`
        CREATE SCHEMA IF NOT EXISTS "${schema}";
        REVOKE ALL ON SCHEMA "${schema}" FROM PUBLIC;
        GRANT USAGE ON SCHEMA "${schema}" TO "${role}";
        ALTER DEFAULT PRIVILEGES IN SCHEMA "${schema}" GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO "${role}";
        ALTER DEFAULT PRIVILEGES IN SCHEMA "${schema}" GRANT USAGE, SELECT, UPDATE ON SEQUENCES TO "${role}";
      `);
    });
  }

  private async seed(cluster: DataSource, tenant: TenantEntity): Promise<void> {
    const schema = assertTenantIdentifier(tenant.schemaName);
    await cluster.transaction(async (manager) => {
      await manager.query(`SET LOCAL search_path TO "${schema}"`);
      await seedTenantSchema(manager.queryRunner!, { storeName: tenant.name });
    });
  }

  private async step(step: ProvisioningStep, tenantId: string): Promise<void> {
    await this.options.afterStep?.(step, tenantId);
  }
}
