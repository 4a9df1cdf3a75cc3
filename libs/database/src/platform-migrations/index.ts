export * from './run-platform-migrations';
export { TENANT_GROUP_ROLE } from './1763683200000-event-outbox.migration';
export { EXTENSIONS_SCHEMA } from './1763856000000-search-extensions.migration';
export { STOREFRONT_LOGIN_GROUP_ROLE, STOREFRONT_LOGIN_SUFFIX } from './1764979200000-storefront-logins.migration';
export { SERVICE_GROUP_ROLE, TENANT_SWITCH_ROLE } from './1765065600000-service-logins.migration';
export { PLATFORM_API_GROUP_ROLE } from './1765152000000-platform-api-login.migration';
import { PlatformInit1732147200000 } from './1732147200000-platform-init.migration';
import { PlatformAccounts1732233600000 } from './1732233600000-platform-accounts.migration';
import { EventOutbox1763683200000 } from './1763683200000-event-outbox.migration';
import { SearchExtensions1763856000000 } from './1763856000000-search-extensions.migration';
import { StoreResources1764028800000 } from './1764028800000-store-resources.migration';
import { DomainClaims1764633600000 } from './1764633600000-domain-claims.migration';
import { AccountTokenVersions1764892800000 } from './1764892800000-account-token-versions.migration';
import { StorefrontLogins1764979200000 } from './1764979200000-storefront-logins.migration';
import { ServiceLogins1765065600000 } from './1765065600000-service-logins.migration';
import { PlatformApiLogin1765152000000 } from './1765152000000-platform-api-login.migration';

/** Ordered migrations of the `platform` schema. Expand/contract: never break the running version. */
export const PLATFORM_MIGRATIONS = [
  PlatformInit1732147200000,
  PlatformAccounts1732233600000,
  EventOutbox1763683200000,
  SearchExtensions1763856000000,
  StoreResources1764028800000,
  DomainClaims1764633600000,
  AccountTokenVersions1764892800000,
  StorefrontLogins1764979200000,
  ServiceLogins1765065600000,
  PlatformApiLogin1765152000000,
];
