import { deserializeTenantContext, type TenantUnitOfWork } from '@storefront/tenancy';
import { DelayedError, UnrecoverableError, type Job } from 'bullmq';
import { performance } from 'node:perf_hooks';
import { DeliveryFailedError, EndpointUnreachableError, type NotificationChannelStrategy } from '../channels/notification-channel.strategy';
import { DeliveryLogRepository } from '../deliveries/delivery-log.repository';
import type { DeliveryChannel } from '../notification-events';
import type { DeliveryJob } from '../queues/delivery-queue';
import type { TenantRateLimiter } from '../queues/tenant-rate-limiter';

export type DeliveryOutcome = 'sent' | 'skipped' | 'not_configured';

/** What one run of a delivery came to, for metrics; `not_configured` is never an attempt to send. */
export type AttemptOutcome = 'sent' | 'retrying' | 'failed' | 'not_configured';

export interface SendDeliveryProcessorDeps {
  readonly unitOfWork: TenantUnitOfWork;
  readonly channels: readonly NotificationChannelStrategy[];
  readonly limiter?: TenantRateLimiter;
  readonly onAttempt?: (channel: DeliveryChannel, outcome: AttemptOutcome) => void;
}

/**
 * Sends one delivery. A delivery already sent (a job run twice after a crash, a duplicate job) is
 * skipped, which is what keeps a redelivered event to one message. Every attempt is recorded;
 * the last one (or a permanent refusal) turns the delivery into a dead letter.
 */
export class SendDeliveryProcessor {
  private readonly log = new DeliveryLogRepository();
  private readonly channels: ReadonlyMap<DeliveryChannel, NotificationChannelStrategy>;

  constructor(private readonly deps: SendDeliveryProcessorDeps) {
    this.channels = new Map(deps.channels.map((channel) => [channel.channel, channel]));
  }

  async process(job: Job<DeliveryJob>, token?: string): Promise<DeliveryOutcome> {
    const ctx = deserializeTenantContext(job.data.tenant);
    const wait = (await this.deps.limiter?.take(ctx.tenantId)) ?? 0;
    if (wait > 0) {
      // Over the tenant's rate: park this job and let the worker take other tenants' jobs.
      await job.moveToDelayed(Date.now() + wait, token);
      throw new DelayedError();
    }
    const { unitOfWork } = this.deps;
    const delivery = await unitOfWork.run(ctx, (tx) => this.log.find(tx, job.data.deliveryId));
    if (!delivery || delivery.status === 'sent' || delivery.status === 'failed') return 'skipped';
    const channel = this.channels.get(delivery.channel);
    if (!channel) {
      // Never reported as sent: the log says why, and a replay sends it once the channel exists.
      await unitOfWork.run(ctx, (tx) => this.log.markNotConfigured(tx, delivery.id, `${delivery.channel} is not configured on this platform`));
      this.deps.onAttempt?.(delivery.channel, 'not_configured');
      return 'not_configured';
    }

    const started = performance.now();
    try {
      const result = await channel.send(ctx, delivery);
      await unitOfWork.run(ctx, (tx) =>
        this.log.recordAttempt(tx, delivery.id, { status: 'sent', durationMs: performance.now() - started, ...result }),
      );
      this.deps.onAttempt?.(delivery.channel, 'sent');
      return 'sent';
    } catch (error) {
      const permanent = error instanceof DeliveryFailedError && error.permanent;
      const last = permanent || job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      const status = last ? 'failed' : 'retrying';
      await unitOfWork.run(ctx, (tx) =>
        this.log.recordAttempt(tx, delivery.id, {
          status,
          durationMs: error instanceof EndpointUnreachableError ? 0 : performance.now() - started,
          error: (error as Error).message,
          ...(error instanceof DeliveryFailedError && error.responseStatus !== undefined ? { responseStatus: error.responseStatus } : {}),
        }),
      );
      this.deps.onAttempt?.(delivery.channel, status);
      throw permanent ? new UnrecoverableError((error as Error).message) : error;
    }
  }
}
