import { Column, CreateDateColumn, Entity, JoinColumn, ManyToOne, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { bigintAsNumber } from './bigint-as-number.transformer';
import type { TaxCategory } from '@storefront/pricing';
import type { ProductEntity } from './product.entity';

/** A sellable combination of a product's option values, with its own SKU and stock. */
@Entity({ name: 'variants' })
export class VariantEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('uuid', { name: 'product_id' })
  productId!: string;

  @ManyToOne('ProductEntity', (product: ProductEntity) => product.variants, { onDelete: 'CASCADE' })
  @JoinColumn({ name: 'product_id' })
  product?: ProductEntity;

  @Column('text', { unique: true })
  sku!: string;

  /** Option name -> value, one entry per option of the product. */
  @Column('jsonb', { name: 'option_values' })
  optionValues!: Record<string, string>;

  /** Overrides the product price when set (minor units of the product currency). */
  @Column('bigint', { name: 'price_amount', nullable: true, transformer: bigintAsNumber })
  priceAmount!: number | null;

  @Column('int')
  stock!: number;

  /** Shipping weight of one unit, for weight-based rates (tenant migration 0016). */
  @Column('int', { name: 'weight_grams', default: 0 })
  weightGrams!: number;

  /** Overrides the product's tax category when set. */
  @Column('text', { name: 'tax_category', nullable: true })
  taxCategory!: TaxCategory | null;

  /** Display order within the product, as the merchant listed the variants. */
  @Column('int')
  position!: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
