import { serializeTenantContext } from '@storefront/tenancy';
import type { SerializedTenantContext, TenantContext } from '@storefront/contracts';
import { Queue, type ConnectionOptions } from 'bullmq';

export const DOMAIN_VERIFICATION_QUEUE = 'platform-api-domain-verification';

export interface DomainVerificationJob {
  readonly tenant: SerializedTenantContext;
  readonly host: string;
}

export interface DomainVerificationQueueOptions {
  readonly connection: ConnectionOptions;
  readonly prefix: string;
  /** Lookups per request before the domain stays pending (the merchant can ask again). */
  readonly attempts: number;
  /** First retry delay; doubles each time (DNS changes take minutes to propagate). */
  readonly retryDelayMs: number;
}

/** Producer side: one job per verification request, carrying the tenant context. */
export class DomainVerificationQueue {
  private readonly queue: Queue<DomainVerificationJob>;

  constructor(private readonly options: DomainVerificationQueueOptions) {
    this.queue = new Queue<DomainVerificationJob>(DOMAIN_VERIFICATION_QUEUE, { connection: options.connection, prefix: options.prefix });
  }

  async request(ctx: TenantContext, host: string): Promise<void> {
    await this.queue.add(
      'verify',
      { tenant: serializeTenantContext(ctx), host },
      {
        attempts: this.options.attempts,
        backoff: { type: 'exponential', delay: this.options.retryDelayMs },
        removeOnComplete: 1_000,
        removeOnFail: 5_000,
      },
    );
  }

  close(): Promise<void> {
    return this.queue.close();
  }
}
