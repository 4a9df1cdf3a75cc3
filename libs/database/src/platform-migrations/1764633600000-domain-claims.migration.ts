import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Custom-domain claims: a host may be claimed (pending) by several stores at once, each with its
 * own TXT token; only a verified host is unique. The first claimant of a host no longer blocks
 * its real owner, who proves control with the DNS record and wins; the other claims go then.
 * Old code keeps working: its inserts and lookups by host and tenant mean the same.
 */
export class DomainClaims1764633600000 implements MigrationInterface {
  name = 'DomainClaims1764633600000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE platform.domains DROP CONSTRAINT domains_pkey;
      ALTER TABLE platform.domains ADD PRIMARY KEY (host, tenant_id);
      CREATE UNIQUE INDEX domains_verified_host_key ON platform.domains (host) WHERE verified_at IS NOT NULL;
      CREATE INDEX domains_pending_idx ON platform.domains (created_at) WHERE verified_at IS NULL;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      DELETE FROM platform.domains WHERE verified_at IS NULL AND kind = 'custom';
      DROP INDEX platform.domains_pending_idx;
      DROP INDEX platform.domains_verified_host_key;
      ALTER TABLE platform.domains DROP CONSTRAINT domains_pkey;
      ALTER TABLE platform.domains ADD PRIMARY KEY (host);
    `);
  }
}
