import { Column, Entity, PrimaryColumn } from 'typeorm';

/** What a tenant's plan allows; `tenants.plan` refers to it. */
@Entity({ schema: 'platform', name: 'plans' })
export class PlanEntity {
  @PrimaryColumn('text')
  id!: string;

  /** null: unlimited. */
  @Column('int', { name: 'max_products', nullable: true })
  maxProducts!: number | null;
}
