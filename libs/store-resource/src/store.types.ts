/** The `Store` custom resource: one merchant's store, as the platform asks the operator to run it. */
export const STORE_GROUP = 'storefront.platform.io';
export const STORE_VERSION = 'v1alpha1';
export const STORE_API_VERSION = `${STORE_GROUP}/${STORE_VERSION}`;
export const STORE_KIND = 'Store';
export const STORE_PLURAL = 'stores';

export const STORE_PLANS = ['starter', 'growth', 'scale', 'enterprise'] as const;
export type StorePlan = (typeof STORE_PLANS)[number];

export const RECLAIM_POLICIES = ['Retain', 'Delete'] as const;
export type ReclaimPolicy = (typeof RECLAIM_POLICIES)[number];

export const CONDITION_TYPES = ['SchemaReady', 'WorkloadReady', 'DomainsReady', 'Ready'] as const;
export type ConditionType = (typeof CONDITION_TYPES)[number];

export const STORE_PHASES = ['Provisioning', 'Ready', 'Suspended', 'Failed', 'Deleting'] as const;
export type StorePhase = (typeof STORE_PHASES)[number];

export interface ResourceList {
  cpu?: string;
  memory?: string;
}

export interface StorefrontOverrides {
  /** Image of the storefront; defaults to the operator's configured image. */
  image?: string;
  replicas?: number;
  resources?: { requests?: ResourceList; limits?: ResourceList };
}

export interface StoreSpec {
  /** Lowercase UUID; chosen by the platform at signup and immutable. */
  tenantId: string;
  /** `<slug>.<platform domain>`; immutable (it names the schema's registry row and the host). */
  slug: string;
  displayName?: string;
  /** Custom domains besides the platform host. */
  domains?: string[];
  plan: StorePlan;
  suspended?: boolean;
  storefront?: StorefrontOverrides;
  /** What deleting the Store does to the tenant's schema. */
  reclaimPolicy?: ReclaimPolicy;
}

export interface StoreCondition {
  type: ConditionType;
  status: 'True' | 'False' | 'Unknown';
  reason: string;
  message: string;
  observedGeneration: number;
  lastTransitionTime: string;
}

export interface StoreStatus {
  phase?: StorePhase;
  observedGeneration?: number;
  conditions?: StoreCondition[];
  /** Tenant migrations applied to the schema. */
  schemaVersion?: number;
  /** Where the tenant lives: database cluster and the shard of each shared service. */
  placement?: { databaseCluster: string; shards: Record<string, number> };
  /** Hosts the Ingress serves. */
  hosts?: string[];
  url?: string;
}

export interface ObjectMeta {
  name: string;
  namespace: string;
  uid: string;
  generation: number;
  resourceVersion: string;
  creationTimestamp: string;
  deletionTimestamp?: string;
  finalizers?: string[];
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export interface Store {
  apiVersion: typeof STORE_API_VERSION;
  kind: typeof STORE_KIND;
  metadata: ObjectMeta;
  spec: StoreSpec;
  status?: StoreStatus;
}
