import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createRoleIfMissing } from './role-sql';

/** Group role of the shared services' login (checkout, search, notifications shards). */
export const SERVICE_GROUP_ROLE = 'platform_service';

/**
 * NOINHERIT role every tenant role is granted to. Through it the service login may `SET ROLE` to
 * any tenant (membership), yet holds none of a tenant's privileges until it does (no inheritance).
 */
export const TENANT_SWITCH_ROLE = 'platform_tenant_switch';

/**
 * The shared services' login owns nothing and reaches a tenant only by `SET LOCAL ROLE` inside a
 * unit of work (issue 15, item 1). By itself it reads the registry rows a shard routes by, the
 * merchant's email (notifications), and the outbox it relays; never a password hash, and it
 * writes no registry table. Row-level security on the registry tables (for storefront logins)
 * gets a policy that lets it see every row.
 */
export class ServiceLogins1765065600000 implements MigrationInterface {
  name = 'ServiceLogins1765065600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ${createRoleIfMissing(SERVICE_GROUP_ROLE)}
      ${createRoleIfMissing(TENANT_SWITCH_ROLE, 'NOLOGIN NOINHERIT')}
      GRANT ${TENANT_SWITCH_ROLE} TO ${SERVICE_GROUP_ROLE};

      GRANT USAGE ON SCHEMA platform TO ${SERVICE_GROUP_ROLE};
      GRANT SELECT ON platform.tenants, platform.domains, platform.shard_assignments TO ${SERVICE_GROUP_ROLE};
      GRANT SELECT (id, tenant_id, email, created_at) ON platform.merchants TO ${SERVICE_GROUP_ROLE};
      GRANT SELECT, DELETE, UPDATE (published_at, attempts, last_error) ON platform.outbox TO ${SERVICE_GROUP_ROLE};

      CREATE POLICY service_reads_tenants ON platform.tenants FOR SELECT TO ${SERVICE_GROUP_ROLE} USING (true);
      CREATE POLICY service_reads_domains ON platform.domains FOR SELECT TO ${SERVICE_GROUP_ROLE} USING (true);
      CREATE POLICY service_reads_shards ON platform.shard_assignments FOR SELECT TO ${SERVICE_GROUP_ROLE} USING (true);
      CREATE POLICY service_relays_outbox ON platform.outbox FOR SELECT TO ${SERVICE_GROUP_ROLE} USING (true);
      CREATE POLICY service_marks_outbox ON platform.outbox FOR UPDATE TO ${SERVICE_GROUP_ROLE} USING (true);
      CREATE POLICY service_trims_outbox ON platform.outbox FOR DELETE TO ${SERVICE_GROUP_ROLE} USING (true);

      -- A temporary table is searched before any search_path: one a tenant role leaves on a pooled
      -- connection would shadow the next tenant's table. No login but the owner may create one.
      DO $$ BEGIN
        EXECUTE format('REVOKE TEMPORARY ON DATABASE %I FROM PUBLIC', current_database());
      END $$;

      -- Tenants provisioned before this migration; the provisioner grants every later one.
      DO $$ DECLARE tenant_role text; BEGIN
        FOR tenant_role IN SELECT role_name FROM platform.tenants WHERE role_name IN (SELECT rolname FROM pg_roles) LOOP
          EXECUTE format('GRANT %I TO ${TENANT_SWITCH_ROLE}', tenant_role);
        END LOOP;
      END $$;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP POLICY service_trims_outbox ON platform.outbox;
      DROP POLICY service_marks_outbox ON platform.outbox;
      DROP POLICY service_relays_outbox ON platform.outbox;
      DROP POLICY service_reads_shards ON platform.shard_assignments;
      DROP POLICY service_reads_domains ON platform.domains;
      DROP POLICY service_reads_tenants ON platform.tenants;
      REVOKE ALL ON platform.outbox, platform.merchants, platform.tenants, platform.domains, platform.shard_assignments FROM ${SERVICE_GROUP_ROLE};
      REVOKE USAGE ON SCHEMA platform FROM ${SERVICE_GROUP_ROLE};
      DO $$ BEGIN
        EXECUTE format('GRANT TEMPORARY ON DATABASE %I TO PUBLIC', current_database());
      END $$;
    `);
  }
}
