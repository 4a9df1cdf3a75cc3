import { isConditionTrue, type Store } from '@storefront/store-resource';

export interface StoreConflicts {
  /** Another Store with the same tenant id came first: this one must never touch the tenant. */
  readonly tenantTakenBy?: string;
  /** Hosts of this Store that an earlier Store already serves, with that Store's name. */
  readonly hostsTakenBy: ReadonlyMap<string, string>;
}

/**
 * Tenant ids and hosts are unique across the cluster but a CRD can only validate one object,
 * so the operator arbitrates: a Store whose schema is already provisioned keeps the claim, then
 * the one created first (then the lower namespace/name); the other reports the conflict.
 */
export function conflictsOf(store: Store, allStores: readonly Store[], hostsOf: (store: Store) => string[]): StoreConflicts {
  let tenantTakenBy: string | undefined;
  const hostsTakenBy = new Map<string, string>();
  const wanted = new Set(hostsOf(store));
  for (const other of allStores) {
    if (other.metadata.uid === store.metadata.uid || !comesFirst(other, store)) continue;
    const name = `${other.metadata.namespace}/${other.metadata.name}`;
    if (other.spec.tenantId === store.spec.tenantId) tenantTakenBy ??= name;
    for (const host of hostsOf(other)) {
      if (wanted.has(host) && !hostsTakenBy.has(host)) hostsTakenBy.set(host, name);
    }
  }
  return { ...(tenantTakenBy ? { tenantTakenBy } : {}), hostsTakenBy };
}

function comesFirst(a: Store, b: Store): boolean {
  // A Store already serving keeps its claim; creation timestamps have one-second resolution.
  const established = (s: Store): boolean => isConditionTrue(s.status?.conditions, 'SchemaReady');
  if (established(a) !== established(b)) return established(a);
  const byAge = a.metadata.creationTimestamp.localeCompare(b.metadata.creationTimestamp);
  if (byAge !== 0) return byAge < 0;
  return `${a.metadata.namespace}/${a.metadata.name}` < `${b.metadata.namespace}/${b.metadata.name}`;
}
