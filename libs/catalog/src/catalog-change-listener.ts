import type { TenantTransaction } from '@storefront/tenancy';

export type ProductChangeType = 'product.created' | 'product.updated' | 'product.deleted' | 'stock.adjusted';
export type CategoryChangeType = 'category.updated' | 'category.deleted';
export type CatalogChangeType = ProductChangeType | CategoryChangeType;

export interface ProductChange {
  readonly type: ProductChangeType;
  readonly productId: string;
  readonly variantId?: string;
}

/** A category renamed or removed: the documents of its products name it. */
export interface CategoryChange {
  readonly type: CategoryChangeType;
  readonly categoryId: string;
}

export type CatalogChange = ProductChange | CategoryChange;

/**
 * Called inside the transaction that made the change, so a transactional outbox can record the
 * event atomically with it (the outbox itself belongs to the events module).
 */
export type CatalogChangeListener = (tx: TenantTransaction, change: CatalogChange) => Promise<void>;

export const ignoreCatalogChanges: CatalogChangeListener = async () => undefined;
