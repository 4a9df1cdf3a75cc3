import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createRoleIfMissing } from './role-sql';

/** Group role of every per-store storefront login: its store's registry rows, nothing else. */
export const STOREFRONT_LOGIN_GROUP_ROLE = 'platform_storefront';

/** Name of the login a store's storefront Pods connect as: `<tenant role>_storefront`. */
export const STOREFRONT_LOGIN_SUFFIX = '_storefront';

/**
 * Per-store storefront logins (issue 15, item 1). Each store's storefront connects as a login of
 * its own, a member of its tenant role (to switch to it) and of `platform_storefront`, which may
 * read the registry tables the storefront needs. Row-level security shows such a login its own
 * store's rows only: the policy matches the row's tenant role against `session_user`, which no
 * SET ROLE changes. Table owners (the platform's own login) are not subject to these policies.
 */
export class StorefrontLogins1764979200000 implements MigrationInterface {
  name = 'StorefrontLogins1764979200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    const own = `role_name || '${STOREFRONT_LOGIN_SUFFIX}' = session_user`;
    await queryRunner.query(`
      ${createRoleIfMissing(STOREFRONT_LOGIN_GROUP_ROLE)}
      GRANT USAGE ON SCHEMA platform TO ${STOREFRONT_LOGIN_GROUP_ROLE};
      GRANT SELECT ON platform.tenants, platform.domains, platform.shard_assignments TO ${STOREFRONT_LOGIN_GROUP_ROLE};

      ALTER TABLE platform.tenants ENABLE ROW LEVEL SECURITY;
      CREATE POLICY storefront_own_tenant ON platform.tenants FOR SELECT TO ${STOREFRONT_LOGIN_GROUP_ROLE} USING (${own});
      ALTER TABLE platform.domains ENABLE ROW LEVEL SECURITY;
      CREATE POLICY storefront_own_domains ON platform.domains FOR SELECT TO ${STOREFRONT_LOGIN_GROUP_ROLE}
        USING (tenant_id IN (SELECT id FROM platform.tenants WHERE ${own}));
      ALTER TABLE platform.shard_assignments ENABLE ROW LEVEL SECURITY;
      CREATE POLICY storefront_own_shards ON platform.shard_assignments FOR SELECT TO ${STOREFRONT_LOGIN_GROUP_ROLE}
        USING (tenant_id IN (SELECT id FROM platform.tenants WHERE ${own}));
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP POLICY storefront_own_shards ON platform.shard_assignments;
      ALTER TABLE platform.shard_assignments DISABLE ROW LEVEL SECURITY;
      DROP POLICY storefront_own_domains ON platform.domains;
      ALTER TABLE platform.domains DISABLE ROW LEVEL SECURITY;
      DROP POLICY storefront_own_tenant ON platform.tenants;
      ALTER TABLE platform.tenants DISABLE ROW LEVEL SECURITY;
      REVOKE SELECT ON platform.tenants, platform.domains, platform.shard_assignments FROM ${STOREFRONT_LOGIN_GROUP_ROLE};
      REVOKE USAGE ON SCHEMA platform FROM ${STOREFRONT_LOGIN_GROUP_ROLE};
    `);
  }
}
