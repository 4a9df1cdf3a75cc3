/** The API resources the operator reads and writes, and how their REST paths are formed. */
export interface ResourceType {
  readonly apiVersion: string;
  readonly kind: string;
  readonly plural: string;
  readonly namespaced: boolean;
}

const resource = (apiVersion: string, kind: string, plural: string, namespaced = true): ResourceType => ({
  apiVersion,
  kind,
  plural,
  namespaced,
});

export const SECRETS = resource('v1', 'Secret', 'secrets');
export const SERVICES = resource('v1', 'Service', 'services');
export const EVENTS = resource('v1', 'Event', 'events');
export const NAMESPACES = resource('v1', 'Namespace', 'namespaces', false);
export const DEPLOYMENTS = resource('apps/v1', 'Deployment', 'deployments');
export const INGRESSES = resource('networking.k8s.io/v1', 'Ingress', 'ingresses');
export const NETWORK_POLICIES = resource('networking.k8s.io/v1', 'NetworkPolicy', 'networkpolicies');
export const LEASES = resource('coordination.k8s.io/v1', 'Lease', 'leases');
export const CUSTOM_RESOURCE_DEFINITIONS = resource('apiextensions.k8s.io/v1', 'CustomResourceDefinition', 'customresourcedefinitions', false);

/**
 * `/api/v1/namespaces/shop/secrets/x` or `/apis/apps/v1/deployments` (all namespaces when
 * `namespace` is undefined), optionally with a subresource such as `status`.
 */
export function resourcePath(type: ResourceType, namespace?: string, name?: string, subresource?: string): string {
  const root = type.apiVersion.includes('/') ? `/apis/${type.apiVersion}` : `/api/${type.apiVersion}`;
  const ns = type.namespaced && namespace ? `/namespaces/${encodeURIComponent(namespace)}` : '';
  const item = name ? `/${encodeURIComponent(name)}` : '';
  const sub = name && subresource ? `/${subresource}` : '';
  return `${root}${ns}/${type.plural}${item}${sub}`;
}
