import { TenantEntity, type DatabaseClusters } from '@storefront/database';
import type { Logger } from '@storefront/observability';
import type { TenantDeprovisioner } from '@storefront/tenancy';
import type { StoreProvisioningStrategy } from './store-provisioning.strategy';

export interface SweepOutcome {
  /** Signups that died before writing the merchant's account: removed, their slugs free again. */
  readonly discarded: string[];
  /** Signups that wrote the account and died later: provisioned (or launched) to the end. */
  readonly completed: string[];
}

/**
 * Finishes or undoes signups that died half-way (a crash, a restart, a failed undo), so no slug
 * stays taken by a store that never comes. Only tenants still `provisioning` after `graceMs`
 * are touched: a signup in progress is never raced. Safe on every replica: each step is idempotent.
 */
export class SignupSweeper {
  constructor(
    private readonly clusters: DatabaseClusters,
    private readonly provisioning: StoreProvisioningStrategy,
    private readonly deprovisioner: TenantDeprovisioner,
    private readonly graceMs: number,
    private readonly logger: Logger,
  ) {}

  async sweep(): Promise<SweepOutcome> {
    const stuck: { id: string; has_merchant: boolean }[] = await this.clusters.primary.query(
      `SELECT t.id, EXISTS (SELECT 1 FROM platform.merchants m WHERE m.tenant_id = t.id) AS has_merchant
         FROM platform.tenants t
        WHERE t.status = 'provisioning' AND t.created_at < now() - make_interval(secs => $1)
        ORDER BY t.created_at`,
      [this.graceMs / 1000],
    );
    const outcome: SweepOutcome = { discarded: [], completed: [] };
    for (const { id, has_merchant: hasMerchant } of stuck) {
      const tenant = await this.clusters.primary.getRepository(TenantEntity).findOneBy({ id, status: 'provisioning' });
      if (!tenant) continue;
      try {
        if (hasMerchant) {
          await this.provisioning.complete(tenant);
          outcome.completed.push(id);
        } else {
          await this.deprovisioner.discard(tenant);
          outcome.discarded.push(id);
        }
      } catch (error) {
        // One tenant that cannot be finished now must not stop the others; the next sweep retries.
        this.logger.error({ err: error, tenantId: id }, 'sweeping a half-made signup failed');
      }
    }
    if (stuck.length > 0) this.logger.info({ ...outcome }, 'half-made signups swept');
    return outcome;
  }
}
