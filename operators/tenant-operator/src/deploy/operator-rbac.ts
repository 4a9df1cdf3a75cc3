import { STORE_GROUP, STORE_PLURAL } from '@storefront/store-resource';

export const OPERATOR_SERVICE_ACCOUNT = 'tenant-operator';
const NAME = 'storefront-tenant-operator';
const WRITE = ['get', 'list', 'watch', 'create', 'patch', 'update', 'delete'];

/**
 * Least privilege for the operator: it reads and finalizes Stores, owns the workload kinds it
 * creates, records Events and holds one Lease. It cannot read Pods, ConfigMaps or anything else.
 */
export function operatorRbacManifests(namespace: string): Record<string, unknown>[] {
  return [
    { apiVersion: 'v1', kind: 'ServiceAccount', metadata: { name: OPERATOR_SERVICE_ACCOUNT, namespace } },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRole',
      metadata: { name: NAME },
      rules: [
        { apiGroups: [STORE_GROUP], resources: [STORE_PLURAL], verbs: ['get', 'list', 'watch', 'patch', 'update'] },
        { apiGroups: [STORE_GROUP], resources: [`${STORE_PLURAL}/status`], verbs: ['get', 'patch', 'update'] },
        // Needed to set blockOwnerDeletion on owned objects (OwnerReferencesPermissionEnforcement).
        { apiGroups: [STORE_GROUP], resources: [`${STORE_PLURAL}/finalizers`], verbs: ['update'] },
        { apiGroups: [''], resources: ['secrets', 'services'], verbs: WRITE },
        { apiGroups: ['apps'], resources: ['deployments'], verbs: WRITE },
        { apiGroups: ['networking.k8s.io'], resources: ['ingresses', 'networkpolicies'], verbs: WRITE },
        { apiGroups: [''], resources: ['events'], verbs: ['create', 'patch'] },
      ],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'ClusterRoleBinding',
      metadata: { name: NAME },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: NAME },
      subjects: [{ kind: 'ServiceAccount', name: OPERATOR_SERVICE_ACCOUNT, namespace }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'Role',
      metadata: { name: `${NAME}-leader-election`, namespace },
      rules: [{ apiGroups: ['coordination.k8s.io'], resources: ['leases'], verbs: ['get', 'create', 'update'] }],
    },
    {
      apiVersion: 'rbac.authorization.k8s.io/v1',
      kind: 'RoleBinding',
      metadata: { name: `${NAME}-leader-election`, namespace },
      roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: `${NAME}-leader-election` },
      subjects: [{ kind: 'ServiceAccount', name: OPERATOR_SERVICE_ACCOUNT, namespace }],
    },
  ];
}
