import { createHash } from 'node:crypto';
import { STORE_API_VERSION, STORE_KIND, type Store } from '@storefront/store-resource';

export const MANAGED_BY = 'storefront-tenant-operator';
export const TENANT_ID_LABEL = 'storefront.platform.io/tenant-id';
export const STORE_LABEL = 'storefront.platform.io/store';

/**
 * Object names come from the slug (unique platform-wide, so two Stores in one namespace never
 * collide) and must stay a DNS label: long slugs are cut and made unique with a hash.
 */
export function workloadName(store: Store, suffix = ''): string {
  const name = `sf-${store.spec.slug}${suffix}`;
  if (name.length <= 63) return name;
  const hash = createHash('sha256').update(store.spec.slug).digest('hex').slice(0, 8);
  return `sf-${store.spec.slug.slice(0, 63 - 4 - 9 - suffix.length)}-${hash}${suffix}`;
}

/** Selects a store's Pods; the tenant id is immutable, so the selector never has to change. */
export function podSelectorOf(store: Store): Record<string, string> {
  return { 'app.kubernetes.io/name': 'storefront', [TENANT_ID_LABEL]: store.spec.tenantId };
}

export function labelsOf(store: Store): Record<string, string> {
  return {
    ...podSelectorOf(store),
    'app.kubernetes.io/instance': workloadName(store),
    'app.kubernetes.io/part-of': 'storefront-platform',
    'app.kubernetes.io/managed-by': MANAGED_BY,
    // Label values are limited to 63 characters; Store names may be longer.
    ...(store.metadata.name.length <= 63 ? { [STORE_LABEL]: store.metadata.name } : {}),
  };
}

/** The one controller reference: Kubernetes garbage-collects the objects with the Store. */
export function ownerReferenceOf(store: Store): Record<string, unknown> {
  return {
    apiVersion: STORE_API_VERSION,
    kind: STORE_KIND,
    name: store.metadata.name,
    uid: store.metadata.uid,
    controller: true,
    blockOwnerDeletion: true,
  };
}

export function objectMetaOf(store: Store, name: string): Record<string, unknown> {
  return { name, namespace: store.metadata.namespace, labels: labelsOf(store), ownerReferences: [ownerReferenceOf(store)] };
}

/** Every host the store answers on: its platform host first, then its custom domains. */
export function hostsOf(store: Store, platformDomain: string): string[] {
  const rejected = new Set(rejectedDomainsOf(store, platformDomain));
  return [...new Set([`${store.spec.slug}.${platformDomain}`, ...(store.spec.domains ?? []).filter((d) => !rejected.has(d))])];
}

/** Custom domains under the platform domain are refused: those names are other stores' slugs. */
export function rejectedDomainsOf(store: Store, platformDomain: string): string[] {
  return (store.spec.domains ?? []).filter((d) => d === platformDomain || d.endsWith(`.${platformDomain}`));
}
