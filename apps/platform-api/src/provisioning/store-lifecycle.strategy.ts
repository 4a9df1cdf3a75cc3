import type { TenantEntity } from '@storefront/database';

/**
 * The orchestrator that runs the tenant's storefront could not take the change right now
 * (unreachable, or it refused): nothing was changed, the admin may try again.
 */
export class StoreUnavailableError extends Error {
  readonly retryAfterSeconds = 60;

  constructor(
    readonly tenantId: string,
    override readonly cause: unknown,
  ) {
    super(`the store's workload could not be changed right now; nothing was changed, try again in a minute`);
    this.name = 'StoreUnavailableError';
  }
}

/**
 * What a platform admin's suspend, resume, plan change and delete do beyond the registry, where something
 * else runs the tenant's storefront. Each method throws StoreUnavailableError rather than half
 * doing it, and is called before the registry changes (docs/adr/0102, "Admin actions").
 */
export interface StoreLifecycleStrategy {
  /** Stops (true) or starts (false) the tenant's storefront. */
  setSuspended(tenant: TenantEntity, suspended: boolean): Promise<void>;
  /** Sizes the tenant's storefront for its new plan. */
  setPlan(tenant: TenantEntity, plan: string): Promise<void>;
  /** Fails when `remove` could not succeed now; asked before a deletion exports or marks anything. */
  checkRemovable(tenant: TenantEntity): Promise<void>;
  /** Removes what runs the tenant's storefront, leaving its data to the platform's deletion. Idempotent. */
  remove(tenant: TenantEntity): Promise<void>;
}

/** Default (in-process): storefronts serve every tenant from the registry; its status is all there is. */
export class RegistryOnlyStoreLifecycle implements StoreLifecycleStrategy {
  async setSuspended(): Promise<void> {
    // Storefronts read the status from the registry: nothing else to change.
  }

  async setPlan(): Promise<void> {
    // Plan limits are read from the registry: nothing else to change.
  }

  async checkRemovable(): Promise<void> {
    // Nothing outside the registry to remove.
  }

  async remove(): Promise<void> {
    // Nothing outside the registry to remove.
  }
}
