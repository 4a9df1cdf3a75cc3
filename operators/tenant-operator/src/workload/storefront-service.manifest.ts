import type { Store } from '@storefront/store-resource';
import { objectMetaOf, podSelectorOf, workloadName } from './store-workload-names';

export function storefrontServiceManifest(store: Store): Record<string, unknown> {
  return {
    apiVersion: 'v1',
    kind: 'Service',
    metadata: objectMetaOf(store, workloadName(store)),
    spec: {
      type: 'ClusterIP',
      selector: podSelectorOf(store),
      ports: [{ name: 'http', port: 80, targetPort: 'http', protocol: 'TCP' }],
    },
  };
}
