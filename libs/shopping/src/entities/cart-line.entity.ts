import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { bigintAsNumber } from '@storefront/catalog';

@Entity({ name: 'cart_lines' })
export class CartLineEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'cart_id' })
  cartId!: string;

  /** Null once the merchant deleted the variant; the line then shows as unavailable. */
  @Column('uuid', { name: 'variant_id', nullable: true })
  variantId!: string | null;

  @Column('text')
  sku!: string;

  @Column('int')
  quantity!: number;

  /** The unit price when the line was added, to tell the shopper if it changed since. */
  @Column('bigint', { name: 'unit_price_amount', transformer: bigintAsNumber })
  unitPriceAmount!: number;

  @CreateDateColumn({ name: 'added_at', type: 'timestamptz' })
  addedAt!: Date;
}
