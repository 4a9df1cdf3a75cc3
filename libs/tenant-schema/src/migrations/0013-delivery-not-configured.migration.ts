import type { QueryRunner } from 'typeorm';
import type { TenantMigration } from '../tenant-migration';

/**
 * A delivery whose channel this platform has no way to send (no SMTP server, no SMS provider) is
 * `not_configured`: nothing was attempted and nothing counts as sent, and it can be replayed once
 * the channel is set up. Expand only: older code never writes the status.
 */
export class DeliveryNotConfigured0013 implements TenantMigration {
  readonly name = '0013-delivery-not-configured';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE notification_deliveries DROP CONSTRAINT notification_deliveries_status_check;
      ALTER TABLE notification_deliveries ADD CONSTRAINT notification_deliveries_status_check
        CHECK (status IN ('pending', 'retrying', 'sent', 'failed', 'not_configured'));
    `);
  }
}
