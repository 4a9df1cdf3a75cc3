import { Entity, PrimaryColumn } from 'typeorm';

/** Membership of a product in a category (many to many, by id). */
@Entity({ name: 'product_categories' })
export class ProductCategoryEntity {
  @PrimaryColumn('uuid', { name: 'product_id' })
  productId!: string;

  @PrimaryColumn('uuid', { name: 'category_id' })
  categoryId!: string;
}
