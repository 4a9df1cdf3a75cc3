import { STORE_GROUP, STORE_PLURAL } from '@storefront/store-resource';

export const OPERATOR_SERVICE_ACCOUNT = 'tenant-operator';
const NAME = 'storefront-tenant-operator';
const WRITE = ['get', 'list', 'watch', 'create', 'patch', 'update', 'delete'];

/**
 * What the operator may do in a Store namespace: read and finalize Stores, own the workload kinds
 * it creates, record Events. Granted by a Role in each Store namespace, never cluster-wide: the
 * tenant Secrets it writes are the only Secrets it can read, and those of kube-system or the
 * platform's own namespace (database URLs, signing keys) are out of its reach.
 */
export const OPERATOR_STORE_NAMESPACE_RULES = [
  { apiGroups: [STORE_GROUP], resources: [STORE_PLURAL], verbs: ['get', 'list', 'watch', 'patch', 'update'] },
  { apiGroups: [STORE_GROUP], resources: [`${STORE_PLURAL}/status`], verbs: ['get', 'patch', 'update'] },
  // Needed to set blockOwnerDeletion on owned objects (OwnerReferencesPermissionEnforcement).
  { apiGroups: [STORE_GROUP], resources: [`${STORE_PLURAL}/finalizers`], verbs: ['update'] },
  { apiGroups: [''], resources: ['secrets', 'services'], verbs: WRITE },
  { apiGroups: ['apps'], resources: ['deployments'], verbs: WRITE },
  { apiGroups: ['networking.k8s.io'], resources: ['ingresses', 'networkpolicies'], verbs: WRITE },
  { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
];

/** The one thing it needs in its own namespace: the leader Lease. */
export const OPERATOR_LEASE_RULES = [{ apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'create', 'update'] }];

/**
 * Least privilege for the operator, and nothing cluster-scoped: its ServiceAccount and Lease Role
 * in the platform namespace, and a Role per Store namespace. It cannot read Pods, ConfigMaps, or
 * any Secret outside the Store namespaces.
 */
export function operatorRbacManifests(platformNamespace: string, storeNamespaces: readonly string[]): Record<string, unknown>[] {
  const subjects = [{ kind: 'ServiceAccount', name: OPERATOR_SERVICE_ACCOUNT, namespace: platformNamespace }];
  const grant = (name: string, namespace: string, rules: readonly unknown[]): Record<string, unknown>[] => [
    { apiVersion: 'rbac.authorization.k8s.io/v1', kind: 'Role', metadata: { name, namespace }, rules },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name, namespace },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name },
      subjects,
    },
  ];
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: OPERATOR_SERVICE_ACCOUNT, namespace: platformNamespace } },
    ...storeNamespaces.flatMap((namespace) => grant(NAME, namespace, OPERATOR_STORE_NAMESPACE_RULES)),
    ...grant(`${NAME}-leader-election`, platformNamespace, OPERATOR_LEASE_RULES),
  ];
}
