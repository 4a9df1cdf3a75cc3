import { booleanFlag, positiveInt, serviceConfigSchema } from '@storefront/config';
import { z } from 'zod';

export const storefrontConfigSchema = serviceConfigSchema.extend({
  PORT: serviceConfigSchema.shape.PORT.default(8081),
  PLATFORM_SERVICE_TOKEN_SECRET: z.string({ error: 'is required' }).min(32, 'must be at least 32 characters'),
  /** Kubernetes: the tenant this pod serves (the operator sets it); unset locally: every store. */
  PLATFORM_STOREFRONT_TENANT_ID: z.uuid({ error: 'must be a tenant id (UUID)' }).optional(),
  PLATFORM_SECURE_COOKIES: booleanFlag.default(false),
  PLATFORM_SESSION_TTL_SECONDS: positiveInt.default(30 * 24 * 60 * 60),
  PLATFORM_RATE_LIMIT_PER_CLIENT: positiveInt.default(300),
  PLATFORM_RATE_LIMIT_PER_TENANT: positiveInt.default(20_000),
});

export type StorefrontConfig = z.infer<typeof storefrontConfigSchema>;
