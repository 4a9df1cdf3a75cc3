import type { TenantEntity } from '@storefront/database';
import type { ProvisionTenantInput, TenantProvisioner } from '@storefront/tenancy';

/**
 * How a signed-up store comes to life. Local mode provisions in-process and the store is live
 * when signup returns; in Kubernetes a strategy that creates a `Store` custom resource (delivered
 * with the operator) returns the tenant while it is still `provisioning`; signup then has to
 * leave the first settings write until the schema exists (not built yet).
 */
export interface StoreProvisioningStrategy {
  provision(input: ProvisionTenantInput): Promise<TenantEntity>;
}

/** Default: the same TenantProvisioner the operator runs, called in this process. */
export class InProcessStoreProvisioning implements StoreProvisioningStrategy {
  constructor(private readonly provisioner: TenantProvisioner) {}

  provision(input: ProvisionTenantInput): Promise<TenantEntity> {
    return this.provisioner.provision(input);
  }
}
