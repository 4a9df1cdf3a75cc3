import type { QueryRunner } from 'typeorm';
import type { TenantMigration } from '../tenant-migration';

/**
 * The checkout shard's retention purge finds old rows by age: without these indexes each pass
 * would scan the whole table, which is exactly the table that grew. (idempotency_keys already has
 * its expiry index.)
 */
export class RetentionIndexes0015 implements TenantMigration {
  readonly name = '0015-retention-indexes';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE INDEX processed_events_age_idx ON processed_events (processed_at);
      CREATE INDEX stripe_webhook_events_age_idx ON stripe_webhook_events (received_at);
      CREATE INDEX carts_anonymous_age_idx ON carts (updated_at) WHERE customer_id IS NULL;
    `);
  }
}
