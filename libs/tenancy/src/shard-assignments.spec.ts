import { randomUUID } from 'node:crypto';
import { TEST_SHARD_COUNTS, provisionTestTenant, useTestTenancy } from '../testing';
import { ShardAssignments } from './shard-assignments';

describe('shard assignment', () => {
  const tenantIds = Array.from({ length: 20_000 }, () => randomUUID());

  it('spreads tenants evenly: every shard within 5% of its fair share', () => {
    const shardCount = 4;
    const counts = new Array<number>(shardCount).fill(0);
    for (const id of tenantIds) counts[ShardAssignments.proposedShard(id, 'checkout', shardCount)]!++;
    const fair = tenantIds.length / shardCount;
    for (const count of counts) expect(Math.abs(count - fair) / fair).toBeLessThan(0.05);
  });

  it('moves only about 1/(N+1) of tenants, all to the new shard, when a shard is added', () => {
    for (const n of [2, 4, 7]) {
      const moved = tenantIds.filter((id) => {
        const before = ShardAssignments.proposedShard(id, 'search', n);
        const after = ShardAssignments.proposedShard(id, 'search', n + 1);
        if (before !== after) expect(after).toBe(n);
        return before !== after;
      });
      expect(moved.length / tenantIds.length).toBeCloseTo(1 / (n + 1), 1);
    }
  });

  describe('recorded in the registry', () => {
    // A private database: rebalancing touches every tenant it holds.
    const fixture = useTestTenancy({ database: 'shards' });

    it('records the proposed shard at provisioning', async () => {
      const { tenant } = await provisionTestTenant(fixture.tenancy);
      expect(await fixture.tenancy.shards.shardOf(tenant.id, 'checkout')).toBe(
        ShardAssignments.proposedShard(tenant.id, 'checkout', TEST_SHARD_COUNTS.checkout),
      );
    });

    it('honours an explicit move, pins it through a rebalance, and audits it', async () => {
      const { tenant } = await provisionTestTenant(fixture.tenancy);
      const from = (await fixture.tenancy.shards.shardOf(tenant.id, 'checkout'))!;
      const to = 1 - from;
      await fixture.tenancy.shards.move(tenant.id, 'checkout', to, 'admin@example.com');
      expect(await fixture.tenancy.shards.shardOf(tenant.id, 'checkout')).toBe(to);

      const widened = new ShardAssignments(fixture.clusters, { ...TEST_SHARD_COUNTS, checkout: 5 });
      const moves = await widened.rebalance('checkout', 'test');
      expect(moves.map((m) => m.tenantId)).not.toContain(tenant.id);
      expect(await fixture.tenancy.shards.shardOf(tenant.id, 'checkout')).toBe(to);

      const audit = await fixture.clusters.primary.query(
        `SELECT actor, details FROM platform.audit_log WHERE tenant_id = $1 AND action = 'tenant.shard_moved'`,
        [tenant.id],
      );
      expect(audit).toEqual([{ actor: 'admin@example.com', details: { service: 'checkout', from, to } }]);
    });

    it('refuses a move to a shard that does not exist', async () => {
      const { tenant } = await provisionTestTenant(fixture.tenancy);
      await expect(fixture.tenancy.shards.move(tenant.id, 'search', 2, 'admin')).rejects.toThrow(/does not exist/);
    });
  });
});
