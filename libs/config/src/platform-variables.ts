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
  // Storefront in single-tenant mode (one Deployment per Store, set by the tenant operator).
  'PLATFORM_STOREFRONT_TENANT_ID',
  // Tenant operator (operators/tenant-operator).
  'PLATFORM_OPERATOR_NAMESPACE',
  'PLATFORM_OPERATOR_STOREFRONT_IMAGE',
  'PLATFORM_OPERATOR_INGRESS_CLASS',
  'PLATFORM_OPERATOR_INGRESS_NAMESPACE',
  'PLATFORM_OPERATOR_CLUSTER_ISSUER',
  'PLATFORM_OPERATOR_PLATFORM_NAMESPACE',
  'PLATFORM_OPERATOR_WORKERS',
  'PLATFORM_OPERATOR_RESYNC_SECONDS',
  'PLATFORM_OPERATOR_LEADER_ELECTION',
  'PLATFORM_OPERATOR_LEASE_NAMESPACE',
  'PLATFORM_OPERATOR_LEASE_DURATION_SECONDS',
  'PLATFORM_OPERATOR_IDENTITY',
  'PLATFORM_OPERATOR_EXPORT_DIR',
]);
