import { MerchantEntity, PlatformAdminEntity, TenantEntity, type DatabaseClusters } from '@storefront/database';
import type { AccountRole } from './access-tokens';

/** An account that can sign in: a merchant (of one tenant) or a platform admin. */
export interface Account {
  readonly id: string;
  readonly email: string;
  readonly passwordHash: string;
  readonly role: AccountRole;
  readonly tenantId?: string;
}

/** Finds sign-in accounts by email across merchants and platform admins (one email, one account). */
export class AccountDirectory {
  constructor(private readonly clusters: DatabaseClusters) {}

  async findByEmail(email: string): Promise<Account | undefined> {
    const normalised = normaliseEmail(email);
    const admin = await this.clusters.primary.getRepository(PlatformAdminEntity).findOneBy({ email: normalised });
    if (admin) return { id: admin.id, email: admin.email, passwordHash: admin.passwordHash, role: 'platform_admin' };
    const merchant = await this.clusters.primary.getRepository(MerchantEntity).findOneBy({ email: normalised });
    if (!merchant) return undefined;
    return { id: merchant.id, email: merchant.email, passwordHash: merchant.passwordHash, role: 'merchant', tenantId: merchant.tenantId };
  }

  async setPasswordHash(account: Pick<Account, 'id' | 'role'>, passwordHash: string): Promise<void> {
    const entity = account.role === 'platform_admin' ? PlatformAdminEntity : MerchantEntity;
    await this.clusters.primary.getRepository(entity).update({ id: account.id }, { passwordHash });
  }

  async emailTaken(email: string): Promise<boolean> {
    return (await this.findByEmail(email)) !== undefined;
  }

  /**
   * A merchant may sign in while the store exists: suspended included (the admin API stays
   * readable), and provisioning (Kubernetes mode, to follow the store's setup).
   */
  async merchantTenantUsable(tenantId: string): Promise<boolean> {
    const tenant = await this.clusters.primary.getRepository(TenantEntity).findOneBy({ id: tenantId });
    return tenant?.status === 'active' || tenant?.status === 'suspended' || tenant?.status === 'provisioning';
  }
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
