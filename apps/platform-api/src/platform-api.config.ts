import { booleanFlag, positiveInt, queuePrefix, serviceConfigSchema } from '@storefront/config';
import { checkObjectStorageConfig, objectStorageConfigShape } from '@storefront/object-storage';
import { z } from 'zod';

/** Configuration of the platform API: the shared service settings plus its own. */
export const platformApiConfigSchema = serviceConfigSchema.extend({
  /** HS256 key for access tokens; `npm start` generates one under .data/local. */
  PLATFORM_JWT_SECRET: z.string({ error: 'is required (at least 32 random characters)' }).min(32, 'must be at least 32 characters'),
  PLATFORM_JWT_TTL_SECONDS: positiveInt.default(3600),
  PLATFORM_ADMIN_EMAIL: z.email('must be an email address').optional(),
  PLATFORM_ADMIN_PASSWORD: z.string().min(12, 'must be at least 12 characters').optional(),
  /** Public address of a store; `{host}` becomes `<slug>.<PLATFORM_DOMAIN>`. */
  PLATFORM_STORE_URL_TEMPLATE: z.string().includes('{host}', { message: 'must contain {host}' }).default('https://{host}'),
  PLATFORM_LOGIN_MAX_FAILURES_PER_ACCOUNT: positiveInt.default(5),
  PLATFORM_LOGIN_MAX_FAILURES_PER_ADDRESS: positiveInt.default(50),
  PLATFORM_LOGIN_LOCKOUT_SECONDS: positiveInt.default(900),
  PLATFORM_SIGNUPS_PER_ADDRESS_PER_HOUR: positiveInt.default(20),
  /** Hours between a tenant's deletion (after its export) and dropping its schema; 0 drops at once. */
  PLATFORM_TENANT_RETENTION_HOURS: z.coerce.number({ error: 'must be a number' }).min(0, 'must be 0 or more').default(720),
  /** Tenant exports (and later media) go to this object storage; the filesystem under .data/objects by default. */
  ...objectStorageConfigShape,
  /** Prefix of the platform API's BullMQ keys in Redis (lets several installs share one Redis). */
  PLATFORM_QUEUE_PREFIX: queuePrefix,
  /** DNS servers for custom-domain verification (`ip` or `ip:port`, comma-separated); the system's by default. */
  PLATFORM_DNS_SERVERS: z
    .string()
    .transform((value) => value.split(',').map((s) => s.trim()).filter(Boolean))
    .default([]),
  PLATFORM_DOMAIN_VERIFICATION_ATTEMPTS: positiveInt.default(10),
  PLATFORM_DOMAIN_VERIFICATION_RETRY_SECONDS: positiveInt.default(30),
  /** Hours an unverified custom-domain claim is kept; then it is removed (another store's claim never blocks the owner). */
  PLATFORM_DOMAIN_CLAIM_TTL_HOURS: positiveInt.default(168),
  /** The console's built files (`npm run build:console`), served under /console/. */
  PLATFORM_CONSOLE_DIR: z.string().default('dist/console'),
  /**
   * Lets merchants register webhooks on this machine (`http://127.0.0.1:<port>/...`), as the
   * notifications shards with the same variable deliver to them (tests, `npm start`); never in production.
   */
  PLATFORM_NOTIFICATIONS_WEBHOOK_ALLOW_HTTP_LOOPBACK: booleanFlag.default(false),
  /**
   * How a signed-up store comes to life: `in-process` provisions it before signup answers;
   * `kubernetes` creates a `Store` resource for the tenant operator (see docs/adr/0102).
   */
  PLATFORM_PROVISIONING: z.enum(['in-process', 'kubernetes'], { error: 'must be in-process or kubernetes' }).default('in-process'),
  /** Kubernetes mode: the namespace platform-api creates Stores in (the operator must watch it). */
  PLATFORM_STORE_NAMESPACE: z
    .string()
    .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/, 'must be a Kubernetes namespace name')
    .optional(),
  /** Kubernetes mode: a kubeconfig file; unset in a Pod, which uses its ServiceAccount. */
  KUBECONFIG: z.string().optional(),
}).superRefine((config, ctx) => {
  checkObjectStorageConfig(config, ctx);
  if (config.PLATFORM_PROVISIONING === 'kubernetes' && !config.PLATFORM_STORE_NAMESPACE) {
    ctx.addIssue({ code: 'custom', path: ['PLATFORM_STORE_NAMESPACE'], message: 'is required with PLATFORM_PROVISIONING=kubernetes' });
  }
  // One without the other would silently skip the admin bootstrap.
  if (Boolean(config.PLATFORM_ADMIN_EMAIL) !== Boolean(config.PLATFORM_ADMIN_PASSWORD)) {
    const missing = config.PLATFORM_ADMIN_EMAIL ? 'PLATFORM_ADMIN_PASSWORD' : 'PLATFORM_ADMIN_EMAIL';
    ctx.addIssue({ code: 'custom', path: [missing], message: 'is required with the other PLATFORM_ADMIN_ variable' });
  }
});

export type PlatformApiConfig = z.infer<typeof platformApiConfigSchema>;
