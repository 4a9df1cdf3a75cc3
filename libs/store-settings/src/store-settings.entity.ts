import { Column, Entity, PrimaryColumn, UpdateDateColumn } from 'typeorm';

/** The single settings row of a tenant's store (table `store_settings`, id always 1). */
@Entity({ name: 'store_settings' })
export class StoreSettingsEntity {
  @PrimaryColumn('smallint')
  id!: number;

  @Column('text')
  name!: string;

  /** ISO 4217 code the store sells in. */
  @Column('character', { length: 3 })
  currency!: string;

  @Column('text')
  locale!: string;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
