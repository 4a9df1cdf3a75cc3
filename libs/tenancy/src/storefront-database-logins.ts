import { assertTenantIdentifier, ensurePlainLogin, STOREFRONT_LOGIN_GROUP_ROLE, STOREFRONT_LOGIN_SUFFIX, type DatabaseClusters, type TenantEntity } from '@storefront/database';
import { hkdfSync } from 'node:crypto';
import type { DataSource } from 'typeorm';

const PASSWORD_DERIVATION_SALT = 'storefront-platform/storefront-database-logins/v1';

/** What a store's storefront connects with: its own login, never the platform's. */
export interface StorefrontDatabaseLogin {
  readonly user: string;
  readonly password: string;
}

/**
 * One PostgreSQL login per store for its storefront Pods: a member of that store's tenant role
 * only (so `SET ROLE` to another store is refused, and after `RESET ROLE` no other schema is
 * readable) and of `platform_storefront`, which row-level security limits to the store's own
 * registry rows. The password is derived from the platform secret, the store and a generation,
 * so the operator can always recompute it and rotates it by raising the generation.
 */
export class StorefrontDatabaseLogins {
  constructor(
    private readonly clusters: DatabaseClusters,
    private readonly secret: string,
  ) {
    if (Buffer.byteLength(secret) < 32) throw new Error('the login password secret must be at least 32 bytes');
  }

  static userOf(tenant: Pick<TenantEntity, 'roleName'>): string {
    return `${assertTenantIdentifier(tenant.roleName)}${STOREFRONT_LOGIN_SUFFIX}`;
  }

  passwordOf(tenantId: string, generation: number): string {
    return Buffer.from(hkdfSync('sha256', this.secret, PASSWORD_DERIVATION_SALT, `${tenantId}/${generation}`, 32)).toString('base64url');
  }

  /**
   * Creates the login (on the registry's cluster and the tenant's), or sets its password for
   * this generation. Idempotent: the operator calls it on every reconcile of the store.
   */
  async ensure(tenant: TenantEntity, generation = 0): Promise<StorefrontDatabaseLogin> {
    const user = StorefrontDatabaseLogins.userOf(tenant);
    const password = this.passwordOf(tenant.id, generation);
    const registry = this.clusters.primary;
    const tenantCluster = this.clusters.get(tenant.clusterId);
    await this.ensureLogin(registry, user, password, STOREFRONT_LOGIN_GROUP_ROLE);
    if (tenantCluster === registry) await this.grant(registry, tenant.roleName, user);
    else await this.ensureLogin(tenantCluster, user, password, assertTenantIdentifier(tenant.roleName));
    return { user, password };
  }

  private async ensureLogin(cluster: DataSource, user: string, password: string, memberOf: string): Promise<void> {
    await cluster.transaction(async (manager) => {
      // Concurrent CREATE ROLEs of one name race on pg_authid's unique index; the lock serialises them.
      await manager.query('SELECT pg_advisory_xact_lock(hashtext($1))', [user]);
      await ensurePlainLogin(manager, { user, password });
      await manager.query(`GRANT "${memberOf}" TO "${user}"`);
    });
  }

  private async grant(cluster: DataSource, role: string, user: string): Promise<void> {
    await cluster.query(`GRANT "${assertTenantIdentifier(role)}" TO "${user}"`);
  }
}
