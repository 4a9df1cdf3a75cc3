import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** One line of the stock ledger: who changed a variant's stock, by how much and why. */
@Entity({ name: 'stock_adjustments' })
export class StockAdjustmentEntity {
  @PrimaryGeneratedColumn('increment', { type: 'bigint' })
  id!: string;

  @Column('uuid', { name: 'variant_id' })
  variantId!: string;

  @Column('int')
  delta!: number;

  @Column('int', { name: 'stock_after' })
  stockAfter!: number;

  @Column('text')
  reason!: string;

  @Column('text')
  actor!: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;
}
