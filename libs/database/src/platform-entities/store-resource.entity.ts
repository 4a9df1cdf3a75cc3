import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

/** One status condition of a Store, as its operator reported it. */
export interface StoreResourceCondition {
  readonly type: string;
  readonly status: 'True' | 'False' | 'Unknown';
  readonly reason: string;
  readonly message: string;
  readonly lastTransitionTime: string;
}

/**
 * Kubernetes mode: where a tenant's `Store` resource lives and the status last seen on it
 * (written by platform-api's mirror of Store status; see docs/adr/0102).
 */
@Entity({ schema: 'platform', name: 'store_resources' })
export class StoreResourceEntity {
  @PrimaryColumn('uuid', { name: 'tenant_id' })
  tenantId!: string;

  @Column('text')
  namespace!: string;

  @Column('text')
  name!: string;

  /** The Store's status.phase, or `Deleted` once the Store is gone; null before the operator reported. */
  @Column('text', { nullable: true })
  phase!: string | null;

  @Column('boolean')
  ready!: boolean;

  @Column('jsonb')
  conditions!: StoreResourceCondition[];

  @Column('int', { name: 'observed_generation', nullable: true })
  observedGeneration!: number | null;

  /** When the mirror last saw the status change. */
  @Column('timestamptz', { name: 'status_changed_at', nullable: true })
  statusChangedAt!: Date | null;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
