import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A token version per sign-in account. Access tokens carry the version they were issued at; a
 * password change bumps it, so every token issued before stops working (issue 15, item 7).
 * Expand only: old code ignores the column and its default.
 */
export class AccountTokenVersions1764892800000 implements MigrationInterface {
  name = 'AccountTokenVersions1764892800000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE platform.merchants ADD COLUMN token_version integer NOT NULL DEFAULT 0;
      ALTER TABLE platform.platform_admins ADD COLUMN token_version integer NOT NULL DEFAULT 0;
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      ALTER TABLE platform.platform_admins DROP COLUMN token_version;
      ALTER TABLE platform.merchants DROP COLUMN token_version;
    `);
  }
}
