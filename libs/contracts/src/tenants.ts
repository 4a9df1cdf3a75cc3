/** Wire types of the platform admin's tenant views (platform API -> console). */

export const TENANT_STATUSES = ['provisioning', 'active', 'suspended', 'deleting', 'deleted'] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

export const SHARDED_SERVICES = ['checkout', 'search', 'notifications'] as const;
export type ShardedService = (typeof SHARDED_SERVICES)[number];

export interface TenantSummary {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly status: TenantStatus;
  readonly plan: string;
  readonly createdAt: string;
}

/**
 * A Kubernetes-style condition (as on the operator's `Store` resource): whatever reports
 * conditions for a tenant uses this shape, and the console lists them as they are.
 */
export interface ProvisioningCondition {
  readonly type: string;
  readonly status: 'True' | 'False' | 'Unknown';
  readonly reason: string;
  readonly message: string;
  readonly lastTransitionTime: string;
}

/** The provisioner's steps, in its order (it runs them; the admin view observes them). */
export const PROVISIONING_STEP_NAMES = ['register', 'role', 'schema', 'migrate', 'seed', 'shards', 'activate'] as const;
export type ProvisioningStepName = (typeof PROVISIONING_STEP_NAMES)[number];

/** One provisioning step as the registry and the tenant's database show it now. */
export interface ProvisioningStepState {
  readonly step: ProvisioningStepName;
  readonly done: boolean;
  /** e.g. "schema version 7 of 7", "checkout 1, search 0, notifications 1". */
  readonly detail: string;
}

export interface TenantProvisioning {
  readonly status: TenantStatus;
  /** Observed now, in the provisioner's order (after a deletion, role and schema show as gone). */
  readonly steps: readonly ProvisioningStepState[];
  /** Conditions reported for the tenant (the operator's, in Kubernetes); absent when none are. */
  readonly conditions?: readonly ProvisioningCondition[];
}

export interface TenantDetail extends TenantSummary {
  readonly provisionedAt: string | null;
  readonly deleteAfter: string | null;
  readonly placement: { readonly clusterId: string; readonly schema: string; readonly shards: Readonly<Record<string, number>> };
  readonly domains: readonly { readonly host: string; readonly kind: string; readonly verified: boolean }[];
  readonly merchants: readonly string[];
  /** Row counts of the tenant's main tables; null once its schema is gone. */
  readonly counts: Readonly<Record<string, number>> | null;
  readonly provisioning: TenantProvisioning;
  /** Kubernetes mode: the tenant's Store resource and the status its operator last reported; null locally. */
  readonly store: TenantStoreResource | null;
}

export interface TenantStoreResource {
  readonly namespace: string;
  readonly name: string;
  /** The Store's phase (Provisioning, Ready, Suspended, Failed, Deleting), `Deleted` once it is gone, null before the first report. */
  readonly phase: string | null;
  readonly ready: boolean;
  readonly conditions: readonly ProvisioningCondition[];
  readonly statusChangedAt: string | null;
}
