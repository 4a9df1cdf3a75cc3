import type { MigrationInterface, QueryRunner } from 'typeorm';
import { createRoleIfMissing } from './role-sql';
import { TENANT_SWITCH_ROLE } from './1765065600000-service-logins.migration';

/** Group role of the platform API's own login in Kubernetes mode, where the operator provisions. */
export const PLATFORM_API_GROUP_ROLE = 'platform_api';

/** PL/pgSQL that stops unless `variable` is a tenant's generated schema and role name (t_ + 32 hex). */
function refuseUnlessTenantName(variable: string): string {
  return `IF ${variable} !~ '^t_[0-9a-f]{32}$' THEN
          RAISE EXCEPTION 'not a tenant schema or role name: %', ${variable} USING ERRCODE = 'invalid_name';
        END IF;`;
}

/**
 * The platform API's own login (issue 15, item 1). In Kubernetes mode the operator provisions, so
 * the platform API needs no owner powers: it reads and writes the registry, appends to the audit
 * log (never edits or erases it), reaches a tenant by `SET LOCAL ROLE` (through the NOINHERIT
 * switch role, as the shards do) and drops what a deletion or a failed signup leaves through two
 * functions that run as the owner and drop tenant schemas, tenant roles and storefront logins
 * only. It cannot create schemas or roles, change a table, or read a tenant without switching.
 * Row-level security on the registry tables gets policies that let it see and write every row.
 */
export class PlatformApiLogin1765152000000 implements MigrationInterface {
  name = 'PlatformApiLogin1765152000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ${createRoleIfMissing(PLATFORM_API_GROUP_ROLE)}
      GRANT ${TENANT_SWITCH_ROLE} TO ${PLATFORM_API_GROUP_ROLE};

      GRANT USAGE ON SCHEMA platform TO ${PLATFORM_API_GROUP_ROLE};
      GRANT SELECT, INSERT, UPDATE, DELETE
        ON platform.tenants, platform.merchants, platform.domains, platform.shard_assignments,
           platform.platform_admins, platform.plans, platform.store_resources
        TO ${PLATFORM_API_GROUP_ROLE};
      GRANT SELECT, INSERT ON platform.audit_log TO ${PLATFORM_API_GROUP_ROLE};
      GRANT USAGE ON ALL SEQUENCES IN SCHEMA platform TO ${PLATFORM_API_GROUP_ROLE};

      CREATE POLICY platform_api_tenants ON platform.tenants FOR ALL TO ${PLATFORM_API_GROUP_ROLE} USING (true) WITH CHECK (true);
      CREATE POLICY platform_api_domains ON platform.domains FOR ALL TO ${PLATFORM_API_GROUP_ROLE} USING (true) WITH CHECK (true);
      CREATE POLICY platform_api_shards ON platform.shard_assignments FOR ALL TO ${PLATFORM_API_GROUP_ROLE} USING (true) WITH CHECK (true);

      -- Runs as the owner (SECURITY DEFINER); refuses every name but a tenant's generated one,
      -- so the platform schema, public or a login cannot be dropped through it. pg_temp last:
      -- otherwise it is searched first, and a caller's temporary table could stand in for pg_roles.
      CREATE FUNCTION platform.drop_tenant_schema(name text) RETURNS void
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
      BEGIN
        ${refuseUnlessTenantName('name')}
        -- Serialises with provisioning, migrations and a concurrent purge of the same tenant.
        PERFORM pg_advisory_xact_lock(hashtext(name));
        EXECUTE format('DROP SCHEMA IF EXISTS %I CASCADE', name);
        IF EXISTS (SELECT 1 FROM pg_roles WHERE rolname = name) THEN
          -- Default privileges and grants name the role; they go before the role can.
          EXECUTE format('DROP OWNED BY %I', name);
          EXECUTE format('DROP ROLE %I', name);
        END IF;
      END $fn$;

      CREATE FUNCTION platform.drop_storefront_login(tenant_role text) RETURNS void
        LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp AS $fn$
      BEGIN
        ${refuseUnlessTenantName('tenant_role')}
        EXECUTE format('DROP ROLE IF EXISTS %I', tenant_role || '_storefront');
      END $fn$;

      -- Functions are executable by PUBLIC by default: only the platform API (and the owner) may.
      REVOKE ALL ON FUNCTION platform.drop_tenant_schema(text), platform.drop_storefront_login(text) FROM PUBLIC;
      GRANT EXECUTE ON FUNCTION platform.drop_tenant_schema(text), platform.drop_storefront_login(text) TO ${PLATFORM_API_GROUP_ROLE};
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP FUNCTION platform.drop_storefront_login(text);
      DROP FUNCTION platform.drop_tenant_schema(text);
      DROP POLICY platform_api_shards ON platform.shard_assignments;
      DROP POLICY platform_api_domains ON platform.domains;
      DROP POLICY platform_api_tenants ON platform.tenants;
      REVOKE ALL ON ALL SEQUENCES IN SCHEMA platform FROM ${PLATFORM_API_GROUP_ROLE};
      REVOKE ALL ON ALL TABLES IN SCHEMA platform FROM ${PLATFORM_API_GROUP_ROLE};
      REVOKE USAGE ON SCHEMA platform FROM ${PLATFORM_API_GROUP_ROLE};
    `);
  }
}
