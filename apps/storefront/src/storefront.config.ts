import { booleanFlag, positiveInt, serviceConfigSchema } from '@storefront/config';
import { z } from 'zod';

export const storefrontConfigSchema = serviceConfigSchema
  .extend({
  PORT: serviceConfigSchema.shape.PORT.default(8081),
  /** Locally, where one storefront serves every store: the platform's root token secret. */
  PLATFORM_SERVICE_TOKEN_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
  /** Kubernetes: this store's shopper token key (the operator derives it), and no root secret. */
  PLATFORM_SHOPPER_TOKEN_KEY: z.base64url('must be base64url').length(43, 'must be a 32-byte key, base64url-encoded (43 characters)').optional(),
  /** Kubernetes: the tenant this pod serves (the operator sets it); unset locally: every store. */
  PLATFORM_STOREFRONT_TENANT_ID: z.uuid({ error: 'must be a tenant id (UUID)' }).optional(),
  PLATFORM_SECURE_COOKIES: booleanFlag.default(false),
  PLATFORM_SESSION_TTL_SECONDS: positiveInt.default(30 * 24 * 60 * 60),
  PLATFORM_RATE_LIMIT_PER_CLIENT: positiveInt.default(300),
  PLATFORM_RATE_LIMIT_PER_TENANT: positiveInt.default(20_000),
})
  .superRefine((config, context) => {
    const secret = config.PLATFORM_SERVICE_TOKEN_SECRET !== undefined;
    const key = config.PLATFORM_SHOPPER_TOKEN_KEY !== undefined;
    if (secret === key) {
      const message = 'set exactly one of PLATFORM_SERVICE_TOKEN_SECRET (every store) and PLATFORM_SHOPPER_TOKEN_KEY (one store)';
      context.addIssue({ code: 'custom', path: ['PLATFORM_SHOPPER_TOKEN_KEY'], message });
    }
    if (key && config.PLATFORM_STOREFRONT_TENANT_ID === undefined) {
      context.addIssue({ code: 'custom', path: ['PLATFORM_STOREFRONT_TENANT_ID'], message: 'is required with PLATFORM_SHOPPER_TOKEN_KEY: the key signs for that store only' });
    }
  });

export type StorefrontConfig = z.infer<typeof storefrontConfigSchema>;
