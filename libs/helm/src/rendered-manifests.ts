import { loadAll } from 'js-yaml';

/** The fields every Kubernetes object has; the rest is kind-specific. */
export interface KubeObject {
  apiVersion: string;
  kind: string;
  metadata: { name: string; namespace?: string; labels?: Record<string, string>; annotations?: Record<string, string> };
  [field: string]: unknown;
}

/** Splits `helm template` output (or a release's manifest) into objects, skipping empty documents. */
export function parseManifests(yaml: string): KubeObject[] {
  return loadAll(yaml).filter((doc): doc is KubeObject => typeof doc === 'object' && doc !== null && 'kind' in doc);
}
