import { MerchantEntity, PlatformAdminEntity, TenantEntity, type DatabaseClusters } from '@storefront/database';
import type { AccountRole } from './access-tokens';

/** An account that can sign in: a merchant (of one tenant) or a platform admin. */
export interface Account {
  readonly id: string;
  readonly email: string;
  readonly passwordHash: string;
  readonly role: AccountRole;
  readonly tenantId?: string;
  readonly tokenVersion: number;
}

/** Finds sign-in accounts by email across merchants and platform admins (one email, one account). */
export class AccountDirectory {
  constructor(private readonly clusters: DatabaseClusters) {}

  async findByEmail(email: string): Promise<Account | undefined> {
    const normalised = normaliseEmail(email);
    const admin = await this.clusters.primary.getRepository(PlatformAdminEntity).findOneBy({ email: normalised });
    if (admin) return { id: admin.id, email: admin.email, passwordHash: admin.passwordHash, role: 'platform_admin', tokenVersion: admin.tokenVersion };
    const merchant = await this.clusters.primary.getRepository(MerchantEntity).findOneBy({ email: normalised });
    if (!merchant) return undefined;
    return {
      id: merchant.id,
      email: merchant.email,
      passwordHash: merchant.passwordHash,
      role: 'merchant',
      tenantId: merchant.tenantId,
      tokenVersion: merchant.tokenVersion,
    };
  }

  /** The account's current token version; undefined once the account is gone. */
  async tokenVersionOf(account: Pick<Account, 'id' | 'role'>): Promise<number | undefined> {
    const row = await this.clusters.primary.getRepository(entityOf(account.role)).findOne({ where: { id: account.id }, select: { tokenVersion: true } });
    return row?.tokenVersion;
  }

  /**
   * Sets the new hash and bumps the token version in one statement, so no token issued before
   * the change outlives it. Returns the new version, for the token issued in its place.
   */
  async setPasswordHash(account: Pick<Account, 'id' | 'role'>, passwordHash: string): Promise<number> {
    const result = await this.clusters.primary
      .getRepository(entityOf(account.role))
      .createQueryBuilder()
      .update()
      .set({ passwordHash, tokenVersion: () => 'token_version + 1' })
      .where('id = :id', { id: account.id })
      .returning(['tokenVersion'])
      .execute();
    const [row] = result.raw as { token_version: number }[];
    if (!row) throw new Error(`account ${account.id} is gone`);
    return row.token_version;
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

function entityOf(role: AccountRole): typeof PlatformAdminEntity | typeof MerchantEntity {
  return role === 'platform_admin' ? PlatformAdminEntity : MerchantEntity;
}

export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}
