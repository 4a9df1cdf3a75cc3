import type { Store } from '@storefront/store-resource';
import { objectMetaOf, workloadName } from './store-workload-names';
import type { WorkloadSettings } from './workload-settings';

/**
 * One TLS entry (and certificate) per host: cert-manager fails a certificate when any of its
 * names fails the ACME challenge, so a custom domain whose DNS is not pointed yet must not hold
 * back the platform host.
 */
export function storefrontIngressManifest(store: Store, hosts: readonly string[], settings: WorkloadSettings): Record<string, unknown> {
  const metadata = objectMetaOf(store, workloadName(store));
  return {
    apiVersion: 'networking.k8s.io/v1',
    kind: 'Ingress',
    metadata: { ...metadata, annotations: { 'cert-manager.io/cluster-issuer': settings.clusterIssuer } },
    spec: {
      ingressClassName: settings.ingressClassName,
      tls: hosts.map((host, i) => ({ hosts: [host], secretName: workloadName(store, `-tls-${i}`) })),
      rules: hosts.map((host) => ({
        host,
        http: {
          paths: [
            {
              path: '/',
              pathType: 'Prefix',
              backend: { service: { name: workloadName(store), port: { name: 'http' } } },
            },
          ],
        },
      })),
    },
  };
}
