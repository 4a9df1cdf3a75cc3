import type { TenantContext } from '@storefront/contracts';
import type { DatabaseClusters } from '@storefront/database';
import type { Logger } from '@storefront/observability';
import { forEachConcurrently, tenantContextFor } from '@storefront/tenancy';

/** Housekeeping run for each tenant of this shard; the answer, when there is one, is logged. */
export interface ShardTenantJob {
  readonly name: string;
  run(ctx: TenantContext): Promise<Record<string, number> | undefined>;
}

/**
 * Every interval, runs its jobs (expired reservation sweeps, payment reconciliation, retention
 * purge) for the tenants recorded on this shard only; one failing tenant or job does not stop
 * the others.
 */
export class ShardTenantJobsScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly clusters: DatabaseClusters,
    private readonly jobs: readonly ShardTenantJob[],
    private readonly shardId: number,
    private readonly logger: Logger,
    private readonly intervalMs = 60_000,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.running ??= this.runAll().finally(() => (this.running = undefined));
    }, this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async runAll(): Promise<void> {
    const tenants: { id: string; cluster_id: string }[] = await this.clusters.primary.query(
      `SELECT t.id, t.cluster_id FROM platform.tenants t
         JOIN platform.shard_assignments s ON s.tenant_id = t.id AND s.service = 'checkout' AND s.shard = $1
        WHERE t.status IN ('active', 'suspended')`,
      [this.shardId],
    );
    await forEachConcurrently(tenants, 4, async (tenant) => {
      const ctx = tenantContextFor({ id: tenant.id, clusterId: tenant.cluster_id }, 'shard-jobs');
      for (const job of this.jobs) {
        try {
          const counts = await job.run(ctx);
          if (counts && Object.values(counts).some((count) => count > 0)) this.logger.info({ tenantId: tenant.id, job: job.name, ...counts }, `${job.name} done`);
        } catch (error) {
          this.logger.error({ err: error, tenantId: tenant.id, job: job.name }, `${job.name} failed`);
        }
      }
    });
  }
}
