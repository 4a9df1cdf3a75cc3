import type { QueryRunner } from 'typeorm';
import type { TenantMigration } from '../tenant-migration';

/**
 * Notifications: the delivery log (one row per event, channel and recipient, rendered once so a
 * replay sends what the log shows), every attempt of a delivery, and the in-app feed per customer.
 */
export class Notifications0005 implements TenantMigration {
  readonly name = '0005-notifications';

  async up(queryRunner: QueryRunner): Promise<void> {
    // notification_templates and webhook_endpoints come from 0002-merchant-admin.
    await queryRunner.query(`
      CREATE TABLE notification_deliveries (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        channel text NOT NULL CHECK (channel IN ('email', 'sms', 'webhook')),
        recipient text NOT NULL,
        status text NOT NULL CHECK (status IN ('pending', 'retrying', 'sent', 'failed')),
        subject text,
        body_text text,
        body_html text,
        payload jsonb,
        attempts int NOT NULL DEFAULT 0,
        last_error text,
        replays int NOT NULL DEFAULT 0,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        failed_at timestamptz,
        -- One delivery per event, channel and recipient: a redelivered event plans nothing new.
        UNIQUE (event_id, channel, recipient)
      );
      CREATE INDEX notification_deliveries_created_idx ON notification_deliveries (created_at DESC);
      CREATE INDEX notification_deliveries_status_idx ON notification_deliveries (status, created_at DESC);

      CREATE TABLE notification_delivery_attempts (
        id bigserial PRIMARY KEY,
        delivery_id uuid NOT NULL REFERENCES notification_deliveries (id) ON DELETE CASCADE,
        attempt int NOT NULL,
        outcome text NOT NULL CHECK (outcome IN ('sent', 'failed')),
        response_status int,
        error text,
        duration_ms int NOT NULL,
        attempted_at timestamptz NOT NULL DEFAULT now()
      );
      CREATE INDEX notification_delivery_attempts_delivery_idx ON notification_delivery_attempts (delivery_id, id);

      CREATE TABLE notification_feed (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        customer_id uuid NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
        event_id uuid NOT NULL,
        event_type text NOT NULL,
        title text NOT NULL,
        body text NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        read_at timestamptz,
        UNIQUE (customer_id, event_id)
      );
      CREATE INDEX notification_feed_customer_idx ON notification_feed (customer_id, created_at DESC);
    `);
  }
}
