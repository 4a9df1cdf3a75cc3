import type { TenantContext } from '@storefront/contracts';
import type { TenantUnitOfWork } from '@storefront/tenancy';
import { deliveryJobId, type DeliveryQueue } from '../queues/delivery-queue';
import type { Delivery, DeliveryAttempt } from './delivery';
import { DeliveryLogRepository, type DeliveryFilter } from './delivery-log.repository';

export class DeliveryNotFoundError extends Error {
  constructor(readonly deliveryId: string) {
    super(`delivery ${deliveryId} not found`);
    this.name = 'DeliveryNotFoundError';
  }
}

export class DeliveryNotReplayableError extends Error {
  constructor(readonly deliveryId: string) {
    super(`delivery ${deliveryId} is not a dead letter; only failed or not-configured deliveries can be replayed`);
    this.name = 'DeliveryNotReplayableError';
  }
}

/** Messages carrying a secret (a password reset link) that the merchant's log must not show. */
const SENSITIVE_EVENTS: ReadonlySet<string> = new Set(['customer.password_reset_requested']);

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The merchant's delivery log (sent, retrying, failed) and replay of dead letters. */
export class DeliveryLogService {
  private readonly repository = new DeliveryLogRepository();

  constructor(
    private readonly unitOfWork: TenantUnitOfWork,
    private readonly queue: DeliveryQueue,
  ) {}

  list(ctx: TenantContext, filter: DeliveryFilter & { limit?: number; offset?: number } = {}): Promise<Delivery[]> {
    return this.unitOfWork.run(ctx, async (tx) =>
      (await this.repository.list(tx, { ...filter, limit: Math.min(filter.limit ?? 50, 200), offset: filter.offset ?? 0 })).map(redact),
    );
  }

  /** One page of the log and how many deliveries match the filter in all (one transaction). */
  page(ctx: TenantContext, filter: DeliveryFilter & { limit?: number; offset?: number } = {}): Promise<{ items: Delivery[]; total: number }> {
    return this.unitOfWork.run(ctx, async (tx) => ({
      items: (await this.repository.list(tx, { ...filter, limit: Math.min(filter.limit ?? 50, 200), offset: filter.offset ?? 0 })).map(redact),
      total: await this.repository.count(tx, filter),
    }));
  }

  get(ctx: TenantContext, id: string): Promise<Delivery & { attemptLog: DeliveryAttempt[] }> {
    return this.unitOfWork.run(ctx, async (tx) => {
      const delivery = UUID.test(id) ? await this.repository.find(tx, id) : undefined;
      if (!delivery) throw new DeliveryNotFoundError(id);
      return { ...redact(delivery), attemptLog: await this.repository.attemptsOf(tx, id) };
    });
  }

  /** Sends a dead letter again, with a fresh set of attempts. */
  async replay(ctx: TenantContext, id: string): Promise<Delivery> {
    const delivery = await this.unitOfWork.run(ctx, async (tx) => {
      const found = UUID.test(id) ? await this.repository.find(tx, id) : undefined;
      if (!found) throw new DeliveryNotFoundError(id);
      const replays = await this.repository.reopen(tx, id);
      if (replays === undefined) throw new DeliveryNotReplayableError(id);
      return { ...found, status: 'pending' as const, replays };
    });
    await this.queue.enqueue(ctx, [delivery]);
    // The dead letter's failed job has done its job as an admin view entry.
    await (await this.queue.queue.getJob(deliveryJobId(id, delivery.replays - 1)))?.remove();
    return redact(delivery);
  }
}

function redact(delivery: Delivery): Delivery {
  if (!SENSITIVE_EVENTS.has(delivery.eventType)) return delivery;
  return { ...delivery, bodyText: '[redacted]', bodyHtml: null };
}
