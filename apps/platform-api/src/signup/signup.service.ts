import { AuditLogEntryEntity, isPostgresError, MerchantEntity, PostgresErrorCode, TenantEntity, type DatabaseClusters } from '@storefront/database';
import { SlugTakenError, type TenantChangeNotifier, type TenantDeprovisioner } from '@storefront/tenancy';
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
    // Counted before the work starts (and given back when it fails), so parallel signups cannot all pass.
    const release = await this.limiter.take(perAddress, 'too many signups from this address; try again later');
    try {
      return await this.create(input);
    } catch (error) {
      await release();
      throw error;
    }
  }

  private async create(input: SignupInput): Promise<SignupResult> {
    const email = normaliseEmail(input.email);
    if (await this.accounts.emailTaken(email)) throw new EmailTakenError();

    // Hashing is CPU in the thread pool, provisioning waits on PostgreSQL: overlap them.
    const hashing = this.hasher.hash(input.password);
    const tenantId = randomUUID();
    const tenant = await this.provisioning.provision({ tenantId, slug: input.slug, name: input.storeName }).catch(async (error: unknown) => {
      await hashing.catch(() => undefined);
      // A step after the registry insert failed: undo it, so the slug is free again. (SlugTakenError
      // means the insert itself failed; a failing undo is left to the SignupSweeper.)
      if (!(error instanceof SlugTakenError)) await this.discardIfRegistered(tenantId);
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
    // Host caches elsewhere may hold "unknown host" for this name from before the signup.
    await this.notifier.publish({ tenantId });
    return { tenantId, slug: tenant.slug, status: tenant.status, storeUrl: this.urls.forSlug(tenant.slug) };
  }

  private async discardIfRegistered(tenantId: string): Promise<void> {
    const registered = await this.clusters.primary.getRepository(TenantEntity).findOneBy({ id: tenantId, status: 'provisioning' });
    if (registered) await this.deprovisioner.discard(registered);
  }
}
