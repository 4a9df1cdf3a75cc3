import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Platform admins, plans with their limits, and the retention deadline of a tenant being deleted. */
export class PlatformAccounts1732233600000 implements MigrationInterface {
  name = 'PlatformAccounts1732233600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE platform.platform_admins (
        id uuid PRIMARY KEY,
        email text NOT NULL UNIQUE CHECK (email = lower(email)),
        password_hash text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      );

      CREATE TABLE platform.plans (
        id text PRIMARY KEY,
        -- NULL means unlimited.
        max_products int CHECK (max_products >= 0)
      );
      INSERT INTO platform.plans (id, max_products) VALUES ('starter', 100), ('growth', 10000), ('scale', NULL);
      ALTER TABLE platform.tenants ADD CONSTRAINT tenants_plan_fk FOREIGN KEY (plan) REFERENCES platform.plans (id);

      ALTER TABLE platform.tenants ADD COLUMN delete_after timestamptz;
      CREATE INDEX tenants_delete_after_idx ON platform.tenants (delete_after) WHERE delete_after IS NOT NULL;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE platform.tenants DROP COLUMN delete_after;
      ALTER TABLE platform.tenants DROP CONSTRAINT tenants_plan_fk;
      DROP TABLE platform.plans;
      DROP TABLE platform.platform_admins;
    `);
  }
}
