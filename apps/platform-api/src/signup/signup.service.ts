import { AuditLogEntryEntity, isPostgresError, MerchantEntity, PostgresErrorCode, type DatabaseClusters } from '@storefront/database';
import type { TenantChangeNotifier, TenantDeprovisioner } from '@storefront/tenancy';
import { randomUUID } from 'node:crypto';
import { normaliseEmail, type AccountDirectory } from '../accounts/account-directory';
import type { PasswordHasher } from '@storefront/credentials';
import type { StoreUrls } from '../store/store-urls';
import { FixedWindowLimiter } from '../throttling/fixed-window-limiter';
import type { SignupInput } from './signup.schema';
import type { StoreProvisioningStrategy } from './store-provisioning.strategy';

export interface SignupResult {
  readonly tenantId: string;
  readonly slug: string;
  readonly status: string;
  readonly storeUrl: string;
}

export class EmailTakenError extends Error {
  constructor() {
    super('an account with this email exists');
  }
}

/**
 * Merchant signup: account + tenant, provisioned by the provisioning strategy (in-process: live
 * when this returns, status `active`; Kubernetes: status `provisioning` until the operator reports
 * the Store Ready). A failure after provisioning started removes the tenant again, so nothing is
 * left half-made. Signup writes nothing into the tenant's schema: the store's first settings are
 * part of provisioning.
 */
export class SignupService {
  constructor(
    private readonly clusters: DatabaseClusters,
    private readonly accounts: AccountDirectory,
    private readonly hasher: PasswordHasher,
    private readonly provisioning: StoreProvisioningStrategy,
    private readonly deprovisioner: TenantDeprovisioner,
    private readonly notifier: TenantChangeNotifier,
    private readonly urls: StoreUrls,
    private readonly limiter: FixedWindowLimiter,
    private readonly signupsPerAddress: number,
  ) {}

  async signup(input: SignupInput, request: { id: string; address: string }): Promise<SignupResult> {
    // Every signup creates a schema and a role: one address cannot mass-produce them.
    const perAddress = FixedWindowLimiter.bucket('signups:address', request.address, this.signupsPerAddress);
    await this.limiter.assertBelow([perAddress], 'too many signups from this address; try again later');
    const email = normaliseEmail(input.email);
    if (await this.accounts.emailTaken(email)) throw new EmailTakenError();

    // Hashing is CPU in the thread pool, provisioning waits on PostgreSQL: overlap them.
    const hashing = this.hasher.hash(input.password);
    const tenantId = randomUUID();
    // SlugTakenError leaves nothing behind: the registry insert is the first step and it failed.
    const tenant = await this.provisioning.provision({ tenantId, slug: input.slug, name: input.storeName }).catch(async (error: unknown) => {
      await hashing.catch(() => undefined);
      throw error;
    });
    try {
      const passwordHash = await hashing;
      await this.clusters.primary.transaction(async (manager) => {
        await manager.getRepository(MerchantEntity).insert({ id: randomUUID(), tenantId, email, passwordHash });
        await manager.getRepository(AuditLogEntryEntity).insert({
          actor: email,
          action: 'tenant.signed_up',
          tenantId,
          details: { slug: tenant.slug },
        });
      });
      // Last of the steps undone on failure: once a Store exists, the operator provisions its tenant.
      await this.provisioning.launch(tenant);
    } catch (error) {
      await this.deprovisioner.discard(tenant);
      if (isPostgresError(error, PostgresErrorCode.uniqueViolation)) throw new EmailTakenError();
      throw error;
    }
    await this.limiter.hit([perAddress]);
    // Host caches elsewhere may hold "unknown host" for this name from before the signup.
    await this.notifier.publish({ tenantId });
    return { tenantId, slug: tenant.slug, status: tenant.status, storeUrl: this.urls.forSlug(tenant.slug) };
  }
}
