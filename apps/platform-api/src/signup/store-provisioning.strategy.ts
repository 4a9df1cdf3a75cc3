import type { TenantEntity } from '@storefront/database';
import type { ProvisionTenantInput, TenantProvisioner } from '@storefront/tenancy';

/**
 * How a signed-up store comes to life. Signup calls `provision` first (the slug is taken from
 * then on), writes the merchant's account, then calls `launch`; a failure anywhere discards the
 * tenant. Neither step leaves tenant-schema writes to signup: the store's first settings (its
 * name) are part of provisioning, in whichever process provisions (docs/adr/0102).
 */
export interface StoreProvisioningStrategy {
  /** Registers the tenant; SlugTakenError when the slug is taken. In-process this provisions it completely. */
  provision(input: ProvisionTenantInput): Promise<TenantEntity>;
  /** After the merchant's account is written: sets the store going where that happens elsewhere. */
  launch(tenant: TenantEntity): Promise<void>;
  /** A signup that wrote its account and then died: finish what it started (idempotent). */
  complete(tenant: TenantEntity): Promise<void>;
}

/** Default: the same TenantProvisioner the operator runs, called in this process; live when signup answers. */
export class InProcessStoreProvisioning implements StoreProvisioningStrategy {
  constructor(private readonly provisioner: TenantProvisioner) {}

  provision(input: ProvisionTenantInput): Promise<TenantEntity> {
    return this.provisioner.provision(input);
  }

  async launch(): Promise<void> {
    // Nothing left to do: the store went live in provision().
  }

  async complete(tenant: TenantEntity): Promise<void> {
    // Every provisioning step is idempotent: running them again finishes the same tenant.
    await this.provisioner.provision({ tenantId: tenant.id, slug: tenant.slug, name: tenant.name, plan: tenant.plan });
  }
}
