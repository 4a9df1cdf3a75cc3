import { appendToOutbox, newDomainEvent } from '@storefront/outbox';
import type { CatalogChangeListener } from './catalog-change-listener';

/**
 * Records each catalog change as a domain event (`product.created`, `stock.adjusted`, `category.updated`, ...) in the
 * cluster's outbox, in the transaction of the change: the search index and caches follow from it.
 */
export const recordCatalogChangesInOutbox: CatalogChangeListener = async (tx, change) => {
  const { type, ...payload } = change;
  await appendToOutbox(tx, newDomainEvent(tx.ctx, type, payload));
};
