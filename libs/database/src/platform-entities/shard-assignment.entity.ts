import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** Which shard of a shared service owns a tenant. Recorded, so moves are explicit. */
@Entity({ schema: 'platform', name: 'shard_assignments' })
export class ShardAssignmentEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @PrimaryColumn('text')
  service!: string;

  @Column('int')
  shard!: number;

  /** Set by an explicit move; a pinned tenant keeps its shard when the shard count changes. */
  @Column('boolean')
  pinned!: boolean;

  @UpdateDateColumn({ name: 'assigned_at', type: 'timestamptz' })
  assignedAt!: Date;
}
