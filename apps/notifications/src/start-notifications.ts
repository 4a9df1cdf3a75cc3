import {
  CustomerFeedService,
  DeadLetterService,
  DeliveryLogService,
  EmailChannel,
  NotificationWorkers,
  SmsChannel,
  TwilioSmsProvider,
  TemplatePreviewService,
  WebhookChannel,
} from '@storefront/notifications';
import type { Logger } from '@storefront/observability';
import { openShardServiceResources, startHttpService, type RunningHttpService } from '@storefront/service-runtime';
import type { NotificationsConfig } from './notifications.config';
import { NotificationsMetrics } from './notifications-metrics';
import { NotificationsModule } from './notifications.module';

export interface StartNotificationsOptions {
  readonly config: NotificationsConfig;
  readonly logger: Logger;
  /** Off when tests run several shards in one process. */
  readonly handleSignals?: boolean;
}

/** Builds one notifications shard (pools, channels, BullMQ workers) and serves its API over HTTP. */
export async function startNotifications({ config, logger, handleSignals }: StartNotificationsOptions): Promise<RunningHttpService> {
  const shard = config.PLATFORM_SHARD_ID;
  const resources = await openShardServiceResources('notifications', config);
  const { clusters, unitOfWork } = resources;
  const storeUrlOf = (host: string) => (config.PLATFORM_DOMAIN === 'localhost' ? `http://${host}` : `https://${host}`);

  // A channel this platform cannot send on is left out: its deliveries show "not configured".
  const email = config.PLATFORM_SMTP_URL
    ? new EmailChannel({
        smtpUrl: config.PLATFORM_SMTP_URL,
        fromAddress: config.PLATFORM_NOTIFICATIONS_EMAIL_FROM ?? `no-reply@${config.PLATFORM_DOMAIN}`,
        messageIdDomain: config.PLATFORM_DOMAIN,
      })
    : undefined;
  const sms = config.PLATFORM_SMS_PROVIDER === 'twilio'
    ? new SmsChannel(
        new TwilioSmsProvider({
          accountSid: config.PLATFORM_TWILIO_ACCOUNT_SID!,
          authToken: config.PLATFORM_TWILIO_AUTH_TOKEN!,
          from: config.PLATFORM_TWILIO_FROM!,
          apiUrl: config.PLATFORM_TWILIO_API_URL,
        }),
      )
    : undefined;
  logger.info({ shard, email: email ? 'smtp' : 'not configured', sms: config.PLATFORM_SMS_PROVIDER ?? 'not configured' }, 'notification channels');
  if (config.PLATFORM_NOTIFICATIONS_WEBHOOK_ALLOW_HTTP_LOOPBACK) {
    logger.warn({ shard }, 'PLATFORM_NOTIFICATIONS_WEBHOOK_ALLOW_HTTP_LOOPBACK is on: webhooks may reach this machine (tests and npm start only)');
  }
  const webhooks = new WebhookChannel(unitOfWork, {
    timeoutMs: config.PLATFORM_NOTIFICATIONS_WEBHOOK_TIMEOUT_MS,
    allowHttpLoopback: config.PLATFORM_NOTIFICATIONS_WEBHOOK_ALLOW_HTTP_LOOPBACK,
    log: (entry, message) => logger.warn(entry, message),
  });
  const metrics = new NotificationsMetrics();
  const workers = new NotificationWorkers({
    shard,
    clusters,
    unitOfWork,
    connection: resources.queueRedis,
    redis: resources.redis,
    channels: [...(email ? [email] : []), ...(sms ? [sms] : []), webhooks],
    attempts: config.PLATFORM_NOTIFICATIONS_MAX_ATTEMPTS,
    backoffMs: config.PLATFORM_NOTIFICATIONS_RETRY_BASE_MS,
    tenantRatePerSecond: config.PLATFORM_NOTIFICATIONS_TENANT_RATE,
    lockDurationMs: config.PLATFORM_NOTIFICATIONS_JOB_LOCK_MS,
    planner: { storeUrlOf },
    logger,
    onAttempt: (channel, outcome) => metrics.attempts.inc({ channel, outcome }),
  });

  const deliveryLog = new DeliveryLogService(unitOfWork, workers.deliveries);
  const service = await startHttpService(
    NotificationsModule.register(
      {
        deliveryLog,
        preview: new TemplatePreviewService(unitOfWork, workers.facts, storeUrlOf),
        feed: new CustomerFeedService(unitOfWork),
        deadLetters: new DeadLetterService(workers.deliveries, deliveryLog),
      },
      resources.guard,
    ),
    {
      service: 'notifications',
      shard,
      host: config.HOST,
      port: config.PORT,
      logger,
      healthChecks: resources.healthChecks,
      handleSignals: handleSignals ?? true,
      shutdownSteps: [
        // Workers finish the jobs they hold; unstarted jobs stay queued for the next start.
        { name: 'workers', run: () => workers.close() },
        { name: 'smtp', run: async () => email?.close() },
        { name: 'webhooks', run: () => webhooks.close() },
        ...resources.closeSteps,
      ],
    },
  );
  metrics.register(service.metrics.registry, workers);
  await workers.waitUntilReady();
  workers.start();
  logger.info({ shard }, 'notification workers started');
  return service;
}
