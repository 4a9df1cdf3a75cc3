import type { ResourceType } from '@storefront/kube-client';
import { STORE_API_VERSION, STORE_KIND, STORE_PLURAL } from './store.types';

export const STORES: ResourceType = { apiVersion: STORE_API_VERSION, kind: STORE_KIND, plural: STORE_PLURAL, namespaced: true };

/** Lets the operator clean up a Store's tenant before Kubernetes forgets the Store. */
export const STORE_FINALIZER = 'storefront.platform.io/tenant';

/**
 * Label of Stores that platform signup created. Such a Store belongs to a tenant signup registered
 * first; without that registry row (signup undone after an answer it never got) the operator must
 * not bring the store to life on its own.
 */
export const CREATED_BY_PLATFORM_API = { 'app.kubernetes.io/created-by': 'platform-api' } as const;
