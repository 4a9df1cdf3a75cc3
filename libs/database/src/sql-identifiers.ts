/**
 * Tenant schema and role names are generated, never user input, and checked against this shape
 * before they are spliced into SQL (identifiers cannot be bound as parameters).
 */
const TENANT_IDENTIFIER = /^t_[0-9a-f]{32}$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;

export function tenantIdentifierFor(tenantId: string): string {
  if (!UUID.test(tenantId)) {
    throw new Error(`tenant id must be a lowercase UUID, got ${JSON.stringify(tenantId)}`);
  }
  return `t_${tenantId.replace(/-/g, '')}`;
}

export function assertTenantIdentifier(name: string): string {
  if (!TENANT_IDENTIFIER.test(name)) {
    throw new Error(`not a tenant schema or role name: ${JSON.stringify(name)}`);
  }
  return name;
}

export function quoteIdentifier(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
