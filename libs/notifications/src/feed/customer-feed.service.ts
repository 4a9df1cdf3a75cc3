import type { TenantContext } from '@storefront/contracts';
import type { TenantUnitOfWork } from '@storefront/tenancy';
import { CustomerFeedRepository, type FeedItem } from './customer-feed.repository';

export class FeedItemNotFoundError extends Error {}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A signed-in customer's in-app notifications. */
export class CustomerFeedService {
  private readonly repository = new CustomerFeedRepository();

  constructor(private readonly unitOfWork: TenantUnitOfWork) {}

  list(ctx: TenantContext, customerId: string, limit = 50): Promise<FeedItem[]> {
    return this.unitOfWork.run(ctx, (tx) => this.repository.list(tx, customerId, Math.min(limit, 200)));
  }

  async markRead(ctx: TenantContext, customerId: string, itemId: string): Promise<void> {
    const found = UUID.test(itemId) && (await this.unitOfWork.run(ctx, (tx) => this.repository.markRead(tx, customerId, itemId)));
    if (!found) throw new FeedItemNotFoundError(`feed item ${itemId} not found`);
  }
}
