export * from './product.entity';
export * from './variant.entity';
export * from './category.entity';
export * from './product-category.entity';
export * from './stock-adjustment.entity';

import { CategoryEntity } from './category.entity';
import { ProductCategoryEntity } from './product-category.entity';
import { ProductEntity } from './product.entity';
import { StockAdjustmentEntity } from './stock-adjustment.entity';
import { VariantEntity } from './variant.entity';

/** Tenant entities of the catalog; pass them to DatabaseClusters as `tenantEntities`. */
export const CATALOG_ENTITIES = [
  ProductEntity,
  VariantEntity,
  CategoryEntity,
  ProductCategoryEntity,
  StockAdjustmentEntity,
] as const;
export * from './bigint-as-number.transformer';
