/**
 * Who a unit of work acts for. Resolved from a verified Host or token claims, never from a
 * client-supplied header, and carried unchanged into job payloads.
 */
export interface TenantContext {
  readonly tenantId: string;
  /** PostgreSQL schema holding the tenant's data (`t_<hex id>`). */
  readonly schema: string;
  /** NOLOGIN role with data rights on `schema` only. */
  readonly role: string;
  /** Database cluster the schema lives on. */
  readonly clusterId: string;
  readonly requestId: string;
}

/** Wire form of a TenantContext inside job payloads; versioned so old jobs stay readable. */
export interface SerializedTenantContext {
  readonly v: 1;
  readonly tenantId: string;
  readonly schema: string;
  readonly role: string;
  readonly clusterId: string;
  readonly requestId: string;
}
