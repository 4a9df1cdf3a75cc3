import { createHash } from 'node:crypto';
import type { Store } from '@storefront/store-resource';
import { PLAN_DEFAULTS } from './plan-defaults';
import { labelsOf, objectMetaOf, podSelectorOf, workloadName } from './store-workload-names';
import { tenantDatabaseSecretName } from './tenant-database-secret.manifest';
import type { WorkloadSettings } from './workload-settings';

export const STOREFRONT_PORT = 8080;
/** The storefront serves only this tenant when set (single-tenant mode). */
export const STOREFRONT_TENANT_ID_ENV = 'PLATFORM_STOREFRONT_TENANT_ID';
const RUN_AS = 10001;

export function desiredReplicas(store: Store): number {
  if (store.spec.suspended) return 0;
  return store.spec.storefront?.replicas ?? PLAN_DEFAULTS[store.spec.plan].replicas;
}

/** The image a Store's storefront runs: its own choice (checked against the allowlist first), else the default. */
export function storefrontImageOf(store: Store, settings: WorkloadSettings): string {
  return store.spec.storefront?.image ?? settings.storefrontImage;
}

/**
 * The storefront of one tenant. `secretHash` changes the Pod template when the database
 * settings change, so Pods restart with them instead of keeping stale environment.
 */
export function storefrontDeploymentManifest(store: Store, settings: WorkloadSettings, secretHash: string): Record<string, unknown> {
  const plan = PLAN_DEFAULTS[store.spec.plan];
  const overrides = store.spec.storefront?.resources;
  const probe = (path: string, extra: Record<string, unknown>): Record<string, unknown> => ({
    httpGet: { path, port: 'http' },
    periodSeconds: 10,
    timeoutSeconds: 2,
    ...extra,
  });
  return {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: objectMetaOf(store, workloadName(store)),
    spec: {
      replicas: desiredReplicas(store),
      revisionHistoryLimit: 3,
      selector: { matchLabels: podSelectorOf(store) },
      strategy: { type: 'RollingUpdate', rollingUpdate: { maxUnavailable: 0, maxSurge: 1 } },
      template: {
        metadata: {
          labels: labelsOf(store),
          annotations: { 'storefront.platform.io/config-hash': secretHash },
        },
        spec: {
          automountServiceAccountToken: false,
          enableServiceLinks: false,
          securityContext: {
            runAsNonRoot: true,
            runAsUser: RUN_AS,
            runAsGroup: RUN_AS,
            fsGroup: RUN_AS,
            seccompProfile: { type: 'RuntimeDefault' },
          },
          containers: [
            {
              name: 'storefront',
              image: storefrontImageOf(store, settings),
              ports: [{ name: 'http', containerPort: STOREFRONT_PORT, protocol: 'TCP' }],
              env: [
                { name: 'HOST', value: '0.0.0.0' },
                { name: 'PORT', value: String(STOREFRONT_PORT) },
                { name: 'PLATFORM_DOMAIN', value: settings.platformDomain },
                { name: STOREFRONT_TENANT_ID_ENV, value: store.spec.tenantId },
                // Behind the TLS-terminating Ingress, session cookies are Secure.
                { name: 'PLATFORM_SECURE_COOKIES', value: 'true' },
                { name: 'PLATFORM_CHECKOUT_SHARDS', value: String(settings.shardCounts.checkout) },
                { name: 'PLATFORM_SEARCH_SHARDS', value: String(settings.shardCounts.search) },
                { name: 'PLATFORM_NOTIFICATIONS_SHARDS', value: String(settings.shardCounts.notifications) },
                { name: 'PLATFORM_SHARD_URL_TEMPLATE', value: settings.shardUrlTemplate },
                // Per-address throttles count the shopper behind the Ingress, not the controller.
                ...(settings.trustedProxies.length > 0 ? [{ name: 'PLATFORM_TRUSTED_PROXIES', value: settings.trustedProxies.join(',') }] : []),
              ],
              envFrom: [{ secretRef: { name: tenantDatabaseSecretName(store) } }],
              resources: {
                requests: { ...plan.requests, ...overrides?.requests },
                limits: { ...plan.limits, ...overrides?.limits },
              },
              startupProbe: probe('/health/live', { failureThreshold: 30, periodSeconds: 2 }),
              livenessProbe: probe('/health/live', { failureThreshold: 3 }),
              readinessProbe: probe('/health/ready', { failureThreshold: 2, periodSeconds: 5 }),
              securityContext: {
                allowPrivilegeEscalation: false,
                readOnlyRootFilesystem: true,
                runAsNonRoot: true,
                privileged: false,
                capabilities: { drop: ['ALL'] },
              },
              // A read-only root filesystem still needs somewhere for temp files.
              volumeMounts: [{ name: 'tmp', mountPath: '/tmp' }],
            },
          ],
          volumes: [{ name: 'tmp', emptyDir: { sizeLimit: '64Mi' } }],
        },
      },
    },
  };
}

export function hashOf(value: unknown): string {
  return createHash('sha256').update(JSON.stringify(value)).digest('hex').slice(0, 16);
}
