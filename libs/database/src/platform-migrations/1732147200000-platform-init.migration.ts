import type { MigrationInterface, QueryRunner } from 'typeorm';

export class PlatformInit1732147200000 implements MigrationInterface {
  name = 'PlatformInit1732147200000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE platform.tenants (
        id uuid PRIMARY KEY,
        slug text NOT NULL UNIQUE,
        name text NOT NULL,
        status text NOT NULL CHECK (status IN ('provisioning', 'active', 'suspended', 'deleting', 'deleted')),
        plan text NOT NULL DEFAULT 'starter',
        cluster_id text NOT NULL,
        schema_name text NOT NULL UNIQUE,
        role_name text NOT NULL UNIQUE,
        schema_version int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        provisioned_at timestamptz
      );
      CREATE INDEX tenants_status_idx ON platform.tenants (status);
      CREATE INDEX tenants_schema_version_idx ON platform.tenants (schema_version);

      CREATE TABLE platform.merchants (
        id uuid PRIMARY KEY,
        tenant_id uuid NOT NULL REFERENCES platform.tenants (id) ON DELETE CASCADE,
        email text NOT NULL UNIQUE CHECK (email = lower(email)),
        password_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX merchants_tenant_idx ON platform.merchants (tenant_id);

      CREATE TABLE platform.domains (
        host text PRIMARY KEY CHECK (host = lower(host)),
        tenant_id uuid NOT NULL REFERENCES platform.tenants (id) ON DELETE CASCADE,
        kind text NOT NULL CHECK (kind IN ('platform', 'custom')),
        verification_token text NOT NULL,
        verified_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX domains_tenant_idx ON platform.domains (tenant_id);

      CREATE TABLE platform.shard_assignments (
        tenant_id uuid NOT NULL REFERENCES platform.tenants (id) ON DELETE CASCADE,
        service text NOT NULL,
        shard int NOT NULL CHECK (shard >= 0),
        pinned boolean NOT NULL DEFAULT false,
        assigned_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (tenant_id, service)
      );
      CREATE INDEX shard_assignments_service_shard_idx ON platform.shard_assignments (service, shard);

      CREATE TABLE platform.audit_log (
        id bigserial PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        actor text NOT NULL,
        action text NOT NULL,
        tenant_id uuid,
        details jsonb NOT NULL DEFAULT '{}'
      );
      CREATE INDEX audit_log_tenant_idx ON platform.audit_log (tenant_id, occurred_at);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DROP TABLE platform.audit_log;
      DROP TABLE platform.shard_assignments;
      DROP TABLE platform.domains;
      DROP TABLE platform.merchants;
      DROP TABLE platform.tenants;
    `);
  }
}
