import type { DatabaseClusters } from '@storefront/database';
import type { Logger } from '@storefront/observability';
import type { ExpiredReservationsSweeper } from '@storefront/orders';
import { forEachConcurrently, tenantContextFor } from '@storefront/tenancy';

/** Every interval, sweeps expired stock reservations of the tenants recorded on this shard only. */
export class ReservationSweepScheduler {
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(
    private readonly clusters: DatabaseClusters,
    private readonly sweeper: ExpiredReservationsSweeper,
    private readonly shardId: number,
    private readonly logger: Logger,
    private readonly intervalMs = 60_000,
  ) {}

  start(): void {
    this.timer = setInterval(() => {
      this.running ??= this.sweepAll().finally(() => (this.running = undefined));
    }, this.intervalMs);
    this.timer.unref();
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.running;
  }

  async sweepAll(): Promise<void> {
    const tenants: { id: string; cluster_id: string }[] = await this.clusters.primary.query(
      `SELECT t.id, t.cluster_id FROM platform.tenants t
         JOIN platform.shard_assignments s ON s.tenant_id = t.id AND s.service = 'checkout' AND s.shard = $1
        WHERE t.status IN ('active', 'suspended')`,
      [this.shardId],
    );
    await forEachConcurrently(tenants, 4, async (tenant) => {
      try {
        const units = await this.sweeper.sweep(tenantContextFor({ id: tenant.id, clusterId: tenant.cluster_id }, 'reservation-sweep'));
        if (units > 0) this.logger.info({ tenantId: tenant.id, units }, 'expired stock reservations returned');
      } catch (error) {
        this.logger.error({ err: error, tenantId: tenant.id }, 'reservation sweep failed');
      }
    });
  }
}
