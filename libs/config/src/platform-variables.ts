/**
 * Every `PLATFORM_*` variable some component of the platform reads. Locally all services share
 * one environment, so a variable meant for another service is fine; a name in none of them is a
 * typo and refused. Add new variables here.
 */
export const PLATFORM_VARIABLES: ReadonlySet<string> = new Set([
  'PLATFORM_DOMAIN',
  'PLATFORM_TENANT_DATABASE_URLS',
  'PLATFORM_CHECKOUT_SHARDS',
  'PLATFORM_SEARCH_SHARDS',
  'PLATFORM_NOTIFICATIONS_SHARDS',
  'PLATFORM_DB_POOL_SIZE',
  'PLATFORM_API_PORT',
  'PLATFORM_ADMIN_EMAIL',
  'PLATFORM_ADMIN_PASSWORD',
]);
