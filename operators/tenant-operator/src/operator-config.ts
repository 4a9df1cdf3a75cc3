import { booleanFlag, databasePoolConfigShape, logLevel, port, positiveInt, postgresUrl, redisUrl, serviceConfigSchema } from '@storefront/config';
import { checkObjectStorageConfig, objectStorageConfigShape } from '@storefront/object-storage';
import { hostname } from 'node:os';
import { z } from 'zod';
import { parseImageReference } from './workload/storefront-image-allowlist';

const name = z.string().regex(/^[a-z0-9]([a-z0-9-]*[a-z0-9])?$/, 'must be a Kubernetes name (lowercase letters, digits, hyphens)');

/** The operator's environment. Shared platform settings keep their names; its own start with PLATFORM_OPERATOR_. */
export const operatorConfigSchema = z.object({
  /** Unset in a Pod: the in-cluster ServiceAccount is used. */
  KUBECONFIG: z.string().optional(),
  DATABASE_URL: postgresUrl,
  PLATFORM_TENANT_DATABASE_URLS: serviceConfigSchema.shape.PLATFORM_TENANT_DATABASE_URLS,
  ...databasePoolConfigShape,
  PLATFORM_DB_POOL_SIZE: positiveInt.default(5),
  PLATFORM_DOMAIN: serviceConfigSchema.shape.PLATFORM_DOMAIN,
  PLATFORM_CHECKOUT_SHARDS: positiveInt.default(2),
  PLATFORM_SEARCH_SHARDS: positiveInt.default(2),
  PLATFORM_NOTIFICATIONS_SHARDS: positiveInt.default(2),
  /** Handed to the storefront Pods (sessions, carts, caches); the operator itself does not use Redis. */
  REDIS_URL: redisUrl,
  /**
   * Handed to the storefront Pods (through the tenant Secret) to call the shared services. Required:
   * the storefront refuses to start without it, so a Deployment lacking it could never run.
   */
  PLATFORM_SERVICE_TOKEN_SECRET: z.string({ error: 'is required (the storefront Pods need it)' }).min(32, 'must be at least 32 characters'),
  /**
   * Handed to the storefront Pods: how they reach shard N of a shared service in the cluster.
   * Required: the storefront's own default (loopback ports) never reaches a shard from a Pod.
   */
  PLATFORM_SHARD_URL_TEMPLATE: z
    .string({ error: 'is required (the storefront Pods need it), e.g. http://{service}-{shard}.{service}.storefront-platform:8080' })
    .regex(/\{(shard|port)\}/, 'must contain {shard} or {port}'),
  /** Handed to the storefront Pods: the ingress controller's addresses, whose X-Forwarded-For they believe. */
  PLATFORM_TRUSTED_PROXIES: serviceConfigSchema.shape.PLATFORM_TRUSTED_PROXIES,
  HOST: z.string().default('0.0.0.0'),
  PORT: port.default(8080),
  LOG_LEVEL: logLevel.default('info'),
  /** Watch Stores in one namespace (the shipped RBAC is a Role there); unset watches all, which needs cluster-wide grants. */
  PLATFORM_OPERATOR_NAMESPACE: name.optional(),
  PLATFORM_OPERATOR_STOREFRONT_IMAGE: z
    .string({ error: 'is required' })
    .min(1, 'is required')
    .refine((image) => parseImageReference(image) !== undefined, 'must be an image reference, e.g. ghcr.io/acme/storefront:1.4.2'),
  /**
   * Comma-separated images a Store's spec.storefront.image may name, besides the default image:
   * `repo` (any tag or digest of it), `repo:tag` or `repo@sha256:...` (see storefront-image-allowlist.ts).
   */
  PLATFORM_OPERATOR_ALLOWED_STOREFRONT_IMAGES: z
    .string()
    .transform((value, ctx) => {
      const entries = value.split(',').map((s) => s.trim()).filter(Boolean);
      for (const entry of entries.filter((e) => parseImageReference(e) === undefined)) {
        ctx.addIssue({ code: 'custom', message: `"${entry}" is not an image reference (repo, repo:tag or repo@sha256:...)` });
      }
      return entries;
    })
    .default([]),
  PLATFORM_OPERATOR_INGRESS_CLASS: name.default('nginx'),
  PLATFORM_OPERATOR_INGRESS_NAMESPACE: name.default('ingress-nginx'),
  PLATFORM_OPERATOR_CLUSTER_ISSUER: name.default('letsencrypt'),
  /** Where PostgreSQL, Redis and the shared services run (storefront egress is allowed there). */
  PLATFORM_OPERATOR_PLATFORM_NAMESPACE: name.default('storefront-platform'),
  PLATFORM_OPERATOR_WORKERS: positiveInt.default(4),
  PLATFORM_OPERATOR_RESYNC_SECONDS: positiveInt.default(600),
  PLATFORM_OPERATOR_LEADER_ELECTION: booleanFlag.default(true),
  /** Namespace of the leader Lease; defaults to the platform namespace. */
  PLATFORM_OPERATOR_LEASE_NAMESPACE: name.optional(),
  PLATFORM_OPERATOR_LEASE_DURATION_SECONDS: positiveInt.default(15),
  /** Unique per replica; the Pod name (downward API) in Kubernetes. */
  PLATFORM_OPERATOR_IDENTITY: z.string().min(1).default(hostname()),
  /** Exports of deleted tenants (reclaimPolicy Delete) go to this object storage; no driver: PLATFORM_OPERATOR_EXPORT_DIR. */
  ...objectStorageConfigShape,
  PLATFORM_OBJECT_STORAGE_DRIVER: objectStorageConfigShape.PLATFORM_OBJECT_STORAGE_DRIVER.removeDefault().optional(),
  /** Without an object storage driver: a directory for the exports (the filesystem driver); neither drops without export. */
  PLATFORM_OPERATOR_EXPORT_DIR: z.string().optional(),
}).superRefine((config, ctx) => {
  if (config.PLATFORM_OBJECT_STORAGE_DRIVER) checkObjectStorageConfig({ ...config, PLATFORM_OBJECT_STORAGE_DRIVER: config.PLATFORM_OBJECT_STORAGE_DRIVER }, ctx);
});

export type OperatorConfig = z.infer<typeof operatorConfigSchema>;
