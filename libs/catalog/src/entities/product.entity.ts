import type { TaxCategory } from '@storefront/pricing';
import { Column, CreateDateColumn, Entity, OneToMany, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { bigintAsNumber } from './bigint-as-number.transformer';
import type { VariantEntity } from './variant.entity';

export const PRODUCT_STATUSES = ['draft', 'active', 'archived'] as const;
export type ProductStatus = (typeof PRODUCT_STATUSES)[number];

/** An option dimension of a product, e.g. `{name: 'Size', values: ['S', 'M', 'L']}`. */
export interface ProductOption {
  readonly name: string;
  readonly values: readonly string[];
}

/** A product of the tenant's catalog (table `products` of the tenant schema). */
@Entity({ name: 'products' })
export class ProductEntity {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column('text', { unique: true })
  slug!: string;

  @Column('text')
  title!: string;

  @Column('text')
  description!: string;

  /** Minor units of `currency`. */
  @Column('bigint', { name: 'price_amount', transformer: bigintAsNumber })
  priceAmount!: number;

  @Column('character', { length: 3 })
  currency!: string;

  @Column('jsonb')
  attributes!: Record<string, string | number | boolean>;

  @Column('jsonb')
  images!: string[];

  @Column('jsonb')
  options!: ProductOption[];

  @Column('text')
  status!: ProductStatus;

  /** Which of the destination's tax rates applies: standard, reduced (books, food) or zero (tenant migration 0016). */
  @Column('text', { name: 'tax_category', default: 'standard' })
  taxCategory!: TaxCategory;

  @OneToMany('VariantEntity', (variant: VariantEntity) => variant.product)
  variants?: VariantEntity[];

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt!: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt!: Date;
}
