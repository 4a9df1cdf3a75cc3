import { Column, CreateDateColumn, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

import type { TenantStatus } from '@storefront/contracts';

// The statuses are part of the admin API's contract; the registry stores exactly these.
export { TENANT_STATUSES, type TenantStatus } from '@storefront/contracts';

@Entity({ schema: 'platform', name: 'tenants' })
export class TenantEntity {
  @PrimaryColumn('uuid')
  id!: string;

  @Column('text', { unique: true })
  slug!: string;

  @Column('text')
  name!: string;

  @Column('text')
  status!: TenantStatus;

  @Column('text')
  plan!: string;

  @Column('text', { name: 'cluster_id' })
  clusterId!: string;

  @Column('text', { name: 'schema_name' })
  schemaName!: string;

  @Column('text', { name: 'role_name' })
  roleName!: string;

  /** Number of tenant migrations applied; lets migrate-all find laggards without visiting every schema. */
  @Column('int', { name: 'schema_version' })
  schemaVersion!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;

  @Column('timestamptz', { name: 'provisioned_at', nullable: true })
  provisionedAt!: Date | null;

  /** Set when deletion is requested: the schema and role are dropped once this has passed. */
  @Column('timestamptz', { name: 'delete_after', nullable: true })
  deleteAfter!: Date | null;
}
