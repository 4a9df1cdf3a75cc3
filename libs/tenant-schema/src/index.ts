export * from './tenant-migration';
import type { TenantMigration } from './tenant-migration';
import { CatalogBase0001 } from './migrations/0001-catalog-base.migration';
import { MerchantAdmin0002 } from './migrations/0002-merchant-admin.migration';
import { Orders0003 } from './migrations/0003-orders.migration';
import { CustomersCarts0004 } from './migrations/0004-customers-carts.migration';
import { Notifications0005 } from './migrations/0005-notifications.migration';
import { SearchDocuments0006 } from './migrations/0006-search-documents.migration';
import { SearchFacetCounts0007 } from './migrations/0007-search-facet-counts.migration';
import { OrderHistory0008 } from './migrations/0008-order-history.migration';
import { Reviews0009 } from './migrations/0009-reviews.migration';
import { PaymentAttempts0010 } from './migrations/0010-payment-attempts.migration';
import { PaymentSettings0011 } from './migrations/0011-payment-settings.migration';
import { PaymentConfirmation0012 } from './migrations/0012-payment-confirmation.migration';
import { DeliveryNotConfigured0013 } from './migrations/0013-delivery-not-configured.migration';
import { CustomerPasswordResets0014 } from './migrations/0014-customer-password-resets.migration';
import { RetentionIndexes0015 } from './migrations/0015-retention-indexes.migration';
import { SellingRules0016 } from './migrations/0016-selling-rules.migration';

/**
 * Ordered migrations applied to every tenant schema; a tenant's schema version is the number
 * applied. Append only, and expand/contract: old code must keep working against the new schema.
 */
export const TENANT_MIGRATIONS: readonly TenantMigration[] = [
  new CatalogBase0001(),
  new MerchantAdmin0002(),
  new Orders0003(),
  new CustomersCarts0004(),
  new Notifications0005(),
  new SearchDocuments0006(),
  new SearchFacetCounts0007(),
  new OrderHistory0008(),
  new Reviews0009(),
  new PaymentAttempts0010(),
  new PaymentSettings0011(),
  new PaymentConfirmation0012(),
  new DeliveryNotConfigured0013(),
  new CustomerPasswordResets0014(),
  new RetentionIndexes0015(),
  new SellingRules0016(),
];
export * from './tenant-seed';
