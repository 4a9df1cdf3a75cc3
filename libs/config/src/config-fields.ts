import { isIP } from 'node:net';
import { z } from 'zod';

/** Reusable, validated configuration fields shared by every service. */

export const postgresUrl = z
  .string({ error: 'is required' })
  .refine((value) => parseUrl(value, ['postgres:', 'postgresql:']) !== undefined, {
    message: 'must be a URL like postgres://user:password@host:5432/database',
  });

export const redisUrl = z
  .string({ error: 'is required' })
  .refine((value) => parseUrl(value, ['redis:', 'rediss:']) !== undefined, {
    message: 'must be a URL like redis://host:6379',
  });

/** PLATFORM_QUEUE_PREFIX: the platform API's BullMQ prefix, which its Redis user's patterns name too. */
export const queuePrefix = z.string().regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, _ or -').default('bull');

export const port = z.coerce
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .min(0, 'must be between 0 and 65535')
  .max(65535, 'must be between 0 and 65535');

export const positiveInt = z.coerce
  .number({ error: 'must be a number' })
  .int('must be a whole number')
  .positive('must be at least 1');

export const logLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], {
  error: 'must be one of fatal, error, warn, info, debug, trace, silent',
});

export const booleanFlag = z
  .enum(['true', 'false', '1', '0'], { error: 'must be true or false' })
  .transform((value) => value === 'true' || value === '1');

/**
 * Comma-separated addresses or CIDR blocks (`10.0.0.0/8,fd00::/8,127.0.0.1`): the proxies whose
 * `X-Forwarded-For` a service believes. Anything else is refused, so a typo cannot trust everyone.
 */
export const addressList = z
  .string()
  .transform((value, ctx) => {
    const entries = value.split(',').map((s) => s.trim()).filter(Boolean);
    for (const entry of entries) {
      const [address = '', prefix, extra] = entry.split('/');
      const family = isIP(address);
      const bits = family === 6 ? 128 : 32;
      const prefixOk = prefix === undefined || (/^\d{1,3}$/.test(prefix) && Number(prefix) <= bits);
      if (family === 0 || !prefixOk || extra !== undefined) {
        ctx.addIssue({ code: 'custom', message: `"${entry}" is not an IP address or CIDR block (e.g. 10.0.0.0/8)` });
        return z.NEVER;
      }
    }
    return entries;
  })
  .default([]);

function parseUrl(value: string, protocols: readonly string[]): URL | undefined {
  try {
    const url = new URL(value);
    return protocols.includes(url.protocol) && url.hostname !== '' ? url : undefined;
  } catch {
    return undefined;
  }
}
