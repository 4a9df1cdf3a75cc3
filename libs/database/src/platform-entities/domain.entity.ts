import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export type DomainKind = 'platform' | 'custom';

/** A host name that serves a tenant's store, or a store's claim of one; custom hosts serve only once verified. */
@Entity({ schema: 'platform', name: 'domains' })
export class DomainEntity {
  @PrimaryColumn('text')
  host!: string;

  // A pending host may be claimed by several stores; a verified one is unique (domains_verified_host_key).
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @Column('text')
  kind!: DomainKind;

  @Column('text', { name: 'verification_token' })
  verificationToken!: string;

  @Column('timestamptz', { name: 'verified_at', nullable: true })
  verifiedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
