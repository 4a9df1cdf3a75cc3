// js-yaml, not client-node's dumpYaml: that one round-trips through typed models and drops
// fields they do not know, such as x-kubernetes-validations.
import { dump } from 'js-yaml';
import { STORE_CRD } from '@storefront/store-resource';
import { operatorRbacManifests } from './operator-rbac';

/** The namespace the generated YAML installs the operator's RBAC into (the Helm chart sets its own). */
export const DEFAULT_PLATFORM_NAMESPACE = 'storefront-platform';
/** Where the generated YAML lets the operator manage Stores: run it with PLATFORM_OPERATOR_NAMESPACE set to this. */
export const DEFAULT_STORE_NAMESPACE = 'storefront-stores';

export const GENERATED_HEADER = '# Generated from operators/tenant-operator/src by `npx nx run tenant-operator:generate-manifests`; do not edit.\n';

/** File name under deploy/ -> content: the single source for kubectl, Helm and the tests. */
export function deployManifestFiles(): Record<string, string> {
  const yaml = (objects: readonly unknown[]): string => GENERATED_HEADER + objects.map((o) => dump(o, { noRefs: true, lineWidth: -1 })).join('---\n');
  return {
    'store.crd.yaml': yaml([STORE_CRD]),
    'operator-rbac.yaml': yaml(operatorRbacManifests(DEFAULT_PLATFORM_NAMESPACE, [DEFAULT_STORE_NAMESPACE])),
  };
}
