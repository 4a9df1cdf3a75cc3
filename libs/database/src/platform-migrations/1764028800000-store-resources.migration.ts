import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Kubernetes mode: the `Store` custom resource of each tenant and the status its operator last
 * reported, as platform-api mirrors it (phase, Ready, conditions). Locally no row exists.
 */
export class StoreResources1764028800000 implements MigrationInterface {
  name = 'StoreResources1764028800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE platform.store_resources (
        tenant_id uuid PRIMARY KEY REFERENCES platform.tenants (id) ON DELETE CASCADE,
        namespace text NOT NULL,
        name text NOT NULL,
        phase text,
        ready boolean NOT NULL DEFAULT false,
        conditions jsonb NOT NULL DEFAULT '[]',
        observed_generation int,
        status_changed_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX store_resources_phase_idx ON platform.store_resources (phase);
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query('DROP TABLE platform.store_resources');
  }
}
