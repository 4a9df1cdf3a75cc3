import { PlanEntity, type DatabaseClusters } from '@storefront/database';
import type { ProductLimits } from '@storefront/catalog';

/** Limits of a tenant's plan, read from `platform.plans` (so operators change them without a deploy). */
export class PlanLimits {
  constructor(private readonly clusters: DatabaseClusters) {}

  async productLimits(planId: string): Promise<ProductLimits> {
    const plan = await this.clusters.primary.getRepository(PlanEntity).findOneBy({ id: planId });
    // A tenant always has a plan (foreign key); a missing row would be a registry bug, not "unlimited".
    if (!plan) throw new Error(`plan ${planId} does not exist`);
    return { maxProducts: plan.maxProducts };
  }

  async exists(planId: string): Promise<boolean> {
    return this.clusters.primary.getRepository(PlanEntity).existsBy({ id: planId });
  }
}
