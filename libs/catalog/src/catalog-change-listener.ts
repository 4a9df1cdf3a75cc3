import type { TenantTransaction } from '@storefront/tenancy';

export type CatalogChangeType = 'product.created' | 'product.updated' | 'product.deleted' | 'stock.adjusted';

export interface CatalogChange {
  readonly type: CatalogChangeType;
  readonly productId: string;
  readonly variantId?: string;
}

/**
 * Called inside the transaction that made the change, so a transactional outbox can record the
 * event atomically with it (the outbox itself belongs to the events module).
 */
export type CatalogChangeListener = (tx: TenantTransaction, change: CatalogChange) => Promise<void>;

export const ignoreCatalogChanges: CatalogChangeListener = async () => undefined;
