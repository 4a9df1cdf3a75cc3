import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Group role every tenant role joins: it may append to the outbox of its cluster, nothing more. */
export const TENANT_GROUP_ROLE = 'platform_tenant';

/**
 * One transactional outbox per cluster, so the relay reads one table instead of every tenant
 * schema. Tenant roles may only insert, and row-level security pins each row to the inserting
 * role (role name == schema name == `t_<tenant id hex>`), so no tenant can forge another's events.
 */
export class EventOutbox1763683200000 implements MigrationInterface {
  name = 'EventOutbox1763683200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DO $$ BEGIN
        CREATE ROLE ${TENANT_GROUP_ROLE} NOLOGIN;
      EXCEPTION WHEN duplicate_object THEN NULL; -- roles are per server; another database made it
      END $$;

      CREATE TABLE platform.outbox (
        seq bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
        event_id uuid NOT NULL UNIQUE,
        tenant_id uuid NOT NULL,
        tenant_role text NOT NULL DEFAULT current_user,
        event_type text NOT NULL,
        payload jsonb NOT NULL,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        published_at timestamptz,
        attempts int NOT NULL DEFAULT 0,
        last_error text
      );
      CREATE INDEX outbox_unpublished_idx ON platform.outbox (seq) WHERE published_at IS NULL;
      CREATE INDEX outbox_published_idx ON platform.outbox (published_at) WHERE published_at IS NOT NULL;

      ALTER TABLE platform.outbox ENABLE ROW LEVEL SECURITY;
      CREATE POLICY outbox_tenant_append ON platform.outbox FOR INSERT TO ${TENANT_GROUP_ROLE}
        WITH CHECK (tenant_role = current_user AND tenant_role = 't_' || replace(tenant_id::text, '-', ''));
      GRANT USAGE ON SCHEMA platform TO ${TENANT_GROUP_ROLE};
      GRANT INSERT ON platform.outbox TO ${TENANT_GROUP_ROLE};
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE platform.outbox;
      REVOKE USAGE ON SCHEMA platform FROM ${TENANT_GROUP_ROLE};
    `);
  }
}
