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

  /** Shoppers' reviews are published without the merchant approving each (tenant migration 0009). */
  @Column('boolean', { name: 'reviews_auto_approve', default: false })
  reviewsAutoApprove!: boolean;

  /** Days after fulfilment that the review request email goes out. */
  @Column('int', { name: 'review_request_delay_days', default: 7 })
  reviewRequestDelayDays!: number;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
