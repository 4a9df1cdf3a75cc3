import { AuditLogEntryEntity, ShardAssignmentEntity, type DatabaseClusters } from '@storefront/database';
import type { DataSource } from 'typeorm';
import { rendezvousPick, shardIds } from './rendezvous-hash';

import { SHARDED_SERVICES, type ShardedService } from '@storefront/contracts';

/** The shared services sharded by tenant (named in the admin API's contract). */
export { SHARDED_SERVICES, type ShardedService } from '@storefront/contracts';

export type ShardCounts = Readonly<Record<ShardedService, number>>;

export interface ShardMove {
  readonly tenantId: string;
  readonly service: ShardedService;
  readonly from: number;
  readonly to: number;
}

/**
 * Tenant -> shard, chosen by rendezvous hashing once and then recorded in the registry, so the
 * answer never changes behind anyone's back: moves are explicit and pinned tenants stay put.
 */
export class ShardAssignments {
  constructor(
    private readonly clusters: DatabaseClusters,
    private readonly shardCounts: ShardCounts,
  ) {}

  private get db(): DataSource {
    return this.clusters.primary;
  }

  /** The shard rendezvous hashing proposes for a tenant with the given shard count. */
  static proposedShard(tenantId: string, service: ShardedService, shardCount: number): number {
    return rendezvousPick(`${service}:${tenantId}`, shardIds(shardCount));
  }

  /** Records an assignment for every sharded service that has none yet (idempotent). */
  async assignAll(tenantId: string): Promise<Record<ShardedService, number>> {
    const proposals = SHARDED_SERVICES.map((service) => ({
      tenantId,
      service,
      shard: ShardAssignments.proposedShard(tenantId, service, this.shardCounts[service]),
      pinned: false,
    }));
    // ON CONFLICT DO NOTHING: a recorded assignment (perhaps a move) always wins over a proposal.
    await this.db.createQueryBuilder().insert().into(ShardAssignmentEntity).values(proposals).orIgnore().execute();
    const recorded = await this.db.getRepository(ShardAssignmentEntity).findBy({ tenantId });
    return Object.fromEntries(recorded.map((r) => [r.service, r.shard])) as Record<ShardedService, number>;
  }

  async shardOf(tenantId: string, service: ShardedService): Promise<number | undefined> {
    const row = await this.db.getRepository(ShardAssignmentEntity).findOneBy({ tenantId, service });
    return row?.shard;
  }

  /** Explicit move (e.g. to isolate a big tenant); pins the tenant and writes the audit log. */
  async move(tenantId: string, service: ShardedService, to: number, actor: string): Promise<ShardMove> {
    if (!Number.isInteger(to) || to < 0 || to >= this.shardCounts[service]) {
      throw new RangeError(`shard ${to} does not exist for ${service} (0..${this.shardCounts[service] - 1})`);
    }
    return this.db.transaction(async (manager) => {
      const current = await manager.getRepository(ShardAssignmentEntity).findOne({
        where: { tenantId, service },
        lock: { mode: 'pessimistic_write' },
      });
      if (!current) throw new Error(`tenant ${tenantId} has no ${service} shard assignment`);
      const from = current.shard;
      await manager.getRepository(ShardAssignmentEntity).update({ tenantId, service }, { shard: to, pinned: true });
      await manager.getRepository(AuditLogEntryEntity).insert({
        actor,
        action: 'tenant.shard_moved',
        tenantId,
        details: { service, from, to },
      });
      return { tenantId, service, from, to };
    });
  }

  /**
   * After a shard count change: moves every unpinned tenant whose proposed shard differs from
   * its recorded one. Returns the moves so callers can hand over queues and caches.
   */
  async rebalance(service: ShardedService, actor: string): Promise<ShardMove[]> {
    const count = this.shardCounts[service];
    const rows = await this.db.getRepository(ShardAssignmentEntity).findBy({ service, pinned: false });
    const moves: ShardMove[] = [];
    for (const row of rows) {
      const to = ShardAssignments.proposedShard(row.tenantId, service, count);
      if (to !== row.shard) moves.push({ tenantId: row.tenantId, service, from: row.shard, to });
    }
    if (moves.length > 0) {
      await this.db.transaction(async (manager) => {
        for (const move of moves) {
          await manager
            .getRepository(ShardAssignmentEntity)
            .update({ tenantId: move.tenantId, service, shard: move.from, pinned: false }, { shard: move.to });
        }
        await manager.getRepository(AuditLogEntryEntity).insert({
          actor,
          action: 'shards.rebalanced',
          tenantId: null,
          details: { service, shardCount: count, moved: moves.length },
        });
      });
    }
    return moves;
  }
}
