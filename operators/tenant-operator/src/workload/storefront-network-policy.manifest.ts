import type { Store } from '@storefront/store-resource';
import { STOREFRONT_PORT } from './storefront-deployment.manifest';
import { objectMetaOf, podSelectorOf, workloadName } from './store-workload-names';
import type { WorkloadSettings } from './workload-settings';

const POSTGRES_PORT = 5432;
const REDIS_PORT = 6379;
const SHARED_SERVICE_PORT = 8080;

const namespace = (name: string): Record<string, unknown> => ({
  namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': name } },
});
const tcp = (port: number): Record<string, unknown> => ({ protocol: 'TCP', port });

/**
 * Default deny for the store's Pods, then only: traffic in from the ingress controller; traffic
 * out to DNS, PostgreSQL, Redis and the shared services. Storefronts of other tenants are
 * unreachable, so a compromised storefront cannot probe its neighbours.
 */
export function storefrontNetworkPolicyManifest(store: Store, settings: WorkloadSettings): Record<string, unknown> {
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'NetworkPolicy',
    metadata: objectMetaOf(store, workloadName(store)),
    spec: {
      podSelector: { matchLabels: podSelectorOf(store) },
      policyTypes: ['Ingress', 'Egress'],
      ingress: [{ from: [namespace(settings.ingressControllerNamespace)], ports: [tcp(STOREFRONT_PORT)] }],
      egress: [
        {
          to: [{ ...namespace('kube-system'), podSelector: { matchLabels: { 'k8s-app': 'kube-dns' } } }],
          ports: [{ protocol: 'UDP', port: 53 }, tcp(53)],
        },
        { to: [namespace(settings.platformNamespace)], ports: [tcp(POSTGRES_PORT)] },
        { to: [namespace(settings.platformNamespace)], ports: [tcp(REDIS_PORT)] },
        {
          to: [
            {
              ...namespace(settings.platformNamespace),
              podSelector: {
                matchExpressions: [{ key: 'app.kubernetes.io/name', operator: 'In', values: ['checkout', 'search', 'notifications'] }],
              },
            },
          ],
          ports: [tcp(SHARED_SERVICE_PORT)],
        },
      ],
    },
  };
}
