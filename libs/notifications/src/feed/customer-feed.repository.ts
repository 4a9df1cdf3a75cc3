import type { DomainEvent } from '@storefront/outbox';
import type { TenantTransaction } from '@storefront/tenancy';
import { updateReturning } from '../update-returning';

export interface FeedItem {
  readonly id: string;
  readonly eventType: string;
  readonly title: string;
  readonly body: string;
  readonly createdAt: string;
  readonly readAt: string | null;
}

/** The in-app notification feed of each customer of a store. */
export class CustomerFeedRepository {
  async add(tx: TenantTransaction, customerId: string, event: DomainEvent, item: { title: string; body: string }): Promise<void> {
    await tx.query(
      `INSERT INTO notification_feed (customer_id, event_id, event_type, title, body)
       SELECT $1, $2, $3, $4, $5 WHERE EXISTS (SELECT 1 FROM customers WHERE id = $1)
       ON CONFLICT (customer_id, event_id) DO NOTHING`,
      [customerId, event.id, event.type, item.title, item.body],
    );
  }

  async list(tx: TenantTransaction, customerId: string, limit: number): Promise<FeedItem[]> {
    const rows = await tx.query<Record<string, unknown>[]>(
      `SELECT id, event_type, title, body, created_at, read_at FROM notification_feed
        WHERE customer_id = $1 ORDER BY created_at DESC, id LIMIT $2`,
      [customerId, limit],
    );
    return rows.map((row) => ({
      id: String(row.id),
      eventType: String(row.event_type),
      title: String(row.title),
      body: String(row.body),
      createdAt: (row.created_at as Date).toISOString(),
      readAt: row.read_at instanceof Date ? row.read_at.toISOString() : null,
    }));
  }

  /** Marks one item read; false when the customer has no such item. */
  async markRead(tx: TenantTransaction, customerId: string, itemId: string): Promise<boolean> {
    const rows = await updateReturning<unknown>(
      tx,
      'UPDATE notification_feed SET read_at = COALESCE(read_at, now()) WHERE id = $1 AND customer_id = $2 RETURNING id',
      [itemId, customerId],
    );
    return rows.length > 0;
  }
}
