import { booleanFlag, positiveInt, shardIdWithinCount, shardServiceConfigSchema } from '@storefront/config';
import { z } from 'zod';

/** A notifications shard: the shared settings, which shard this is, and how it reaches people. */
export const notificationsConfigSchema = shardServiceConfigSchema
  .extend({
    /** `smtp://host:587` / `smtps://user:pass@host:465`; unset: no email channel (deliveries show "not configured"). */
    PLATFORM_SMTP_URL: z
      .string()
      .refine((value) => /^smtps?:\/\/[^/]+/.test(value), 'must be a URL like smtp://host:587 or smtps://user:password@host:465')
      .optional(),
    /** SMS gateway; unset: no SMS channel (deliveries show "not configured"). */
    PLATFORM_SMS_PROVIDER: z.enum(['twilio'], { error: 'must be twilio (or unset: no SMS)' }).optional(),
    PLATFORM_TWILIO_ACCOUNT_SID: z.string().regex(/^AC[0-9a-zA-Z]{32}$/, 'must be a Twilio account SID (AC + 32 characters)').optional(),
    PLATFORM_TWILIO_AUTH_TOKEN: z.string().min(1).optional(),
    /** Sender: an E.164 number (+15551234567) or a Messaging Service SID (MG...). */
    PLATFORM_TWILIO_FROM: z.string().regex(/^(\+[1-9]\d{6,14}|MG[0-9a-zA-Z]{32})$/, 'must be an E.164 number or a Messaging Service SID').optional(),
    /** Twilio's API base URL (tests point it at a stand-in). */
    PLATFORM_TWILIO_API_URL: z.url({ error: 'must be a URL' }).default('https://api.twilio.com'),
    /** Address emails come from; the display name is the store's. Default no-reply@<PLATFORM_DOMAIN>. */
    PLATFORM_NOTIFICATIONS_EMAIL_FROM: z.email({ error: 'must be an email address' }).optional(),
    /** Attempts per delivery before it becomes a dead letter. */
    PLATFORM_NOTIFICATIONS_MAX_ATTEMPTS: positiveInt.default(8),
    /** First retry delay; doubles per attempt, with jitter (8 attempts: about 4 minutes in all). */
    PLATFORM_NOTIFICATIONS_RETRY_BASE_MS: positiveInt.default(2_000),
    /** Sends per second per store on one shard (bursts of 5 s worth); keeps one store's burst from filling the shard. */
    PLATFORM_NOTIFICATIONS_TENANT_RATE: positiveInt.default(50),
    PLATFORM_NOTIFICATIONS_WEBHOOK_TIMEOUT_MS: positiveInt.default(10_000),
    /** Lets webhooks go to http://127.0.0.1 (tests, `npm start`); never in production. */
    PLATFORM_NOTIFICATIONS_WEBHOOK_ALLOW_HTTP_LOOPBACK: booleanFlag.default(false),
    /** How long a job stays claimed by a worker that stopped answering before another takes it over. */
    PLATFORM_NOTIFICATIONS_JOB_LOCK_MS: positiveInt.default(30_000),
  })
  .superRefine(shardIdWithinCount('PLATFORM_NOTIFICATIONS_SHARDS'))
  .superRefine((config, ctx) => {
    if (config.PLATFORM_SMS_PROVIDER !== 'twilio') return;
    for (const name of ['PLATFORM_TWILIO_ACCOUNT_SID', 'PLATFORM_TWILIO_AUTH_TOKEN', 'PLATFORM_TWILIO_FROM'] as const) {
      if (!config[name]) ctx.addIssue({ code: 'custom', path: [name], message: 'is required with PLATFORM_SMS_PROVIDER=twilio' });
    }
  });

export type NotificationsConfig = z.infer<typeof notificationsConfigSchema>;
