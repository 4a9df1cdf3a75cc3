import type { TenantTransaction } from '@storefront/tenancy';
import type { DomainEvent } from '@storefront/outbox';
import { updateReturning } from '../update-returning';
import type { DeliveryChannel } from '../notification-events';
import type { Delivery, DeliveryAttempt, DeliveryStatus, NewDelivery } from './delivery';

export interface DeliveryFilter {
  readonly status?: DeliveryStatus;
  readonly channel?: DeliveryChannel;
  readonly eventId?: string;
}

const COLUMNS = `id, event_id, event_type, channel, recipient, status, subject, body_text, body_html, payload, attempts,
  last_error, replays, created_at, sent_at, failed_at`;

/** The tenant's delivery log: `notification_deliveries` and their attempts. */
export class DeliveryLogRepository {
  /** Inserts what is not there yet; a redelivered event meets the unique key and adds nothing. */
  async plan(tx: TenantTransaction, event: DomainEvent, deliveries: readonly NewDelivery[]): Promise<void> {
    for (const d of deliveries) {
      await tx.query(
        `INSERT INTO notification_deliveries (event_id, event_type, channel, recipient, status, subject, body_text, body_html, payload)
         VALUES ($1, $2, $3, $4, 'pending', $5, $6, $7, $8) ON CONFLICT (event_id, channel, recipient) DO NOTHING`,
        [event.id, event.type, d.channel, d.recipient, d.subject ?? null, d.bodyText ?? null, d.bodyHtml ?? null, d.payload ? JSON.stringify(d.payload) : null],
      );
    }
  }

  /** Deliveries of an event still to send: after a crash between planning and queueing, these get queued again. */
  async unfinishedOf(tx: TenantTransaction, eventId: string): Promise<Delivery[]> {
    const rows = await tx.query<Record<string, unknown>[]>(
      `SELECT ${COLUMNS} FROM notification_deliveries WHERE event_id = $1 AND status IN ('pending', 'retrying') ORDER BY created_at, id`,
      [eventId],
    );
    return rows.map(toDelivery);
  }

  async find(tx: TenantTransaction, id: string): Promise<Delivery | undefined> {
    const [row] = await tx.query<Record<string, unknown>[]>(`SELECT ${COLUMNS} FROM notification_deliveries WHERE id = $1`, [id]);
    return row ? toDelivery(row) : undefined;
  }

  async list(tx: TenantTransaction, filter: DeliveryFilter & { limit: number; offset: number }): Promise<Delivery[]> {
    const rows = await tx.query<Record<string, unknown>[]>(
      `SELECT ${COLUMNS} FROM notification_deliveries
        WHERE ($1::text IS NULL OR status = $1) AND ($2::uuid IS NULL OR event_id = $2) AND ($3::text IS NULL OR channel = $3)
        ORDER BY created_at DESC, id LIMIT $4 OFFSET $5`,
      [filter.status ?? null, filter.eventId ?? null, filter.channel ?? null, filter.limit, filter.offset],
    );
    return rows.map(toDelivery);
  }

  async count(tx: TenantTransaction, filter: DeliveryFilter): Promise<number> {
    const [row] = await tx.query<{ n: number }[]>(
      `SELECT count(*)::int AS n FROM notification_deliveries
        WHERE ($1::text IS NULL OR status = $1) AND ($2::uuid IS NULL OR event_id = $2) AND ($3::text IS NULL OR channel = $3)`,
      [filter.status ?? null, filter.eventId ?? null, filter.channel ?? null],
    );
    return row!.n;
  }

  async attemptsOf(tx: TenantTransaction, id: string): Promise<DeliveryAttempt[]> {
    const rows = await tx.query<Record<string, unknown>[]>(
      `SELECT attempt, outcome, response_status, error, duration_ms, attempted_at FROM notification_delivery_attempts
        WHERE delivery_id = $1 ORDER BY id`,
      [id],
    );
    return rows.map((row) => ({
      attempt: Number(row.attempt),
      outcome: row.outcome as DeliveryAttempt['outcome'],
      responseStatus: (row.response_status as number | null) ?? null,
      error: (row.error as string | null) ?? null,
      durationMs: Number(row.duration_ms),
      attemptedAt: (row.attempted_at as Date).toISOString(),
    }));
  }

  /** Records one attempt and the delivery's new state together. */
  async recordAttempt(
    tx: TenantTransaction,
    id: string,
    outcome: { status: Exclude<DeliveryStatus, 'pending'>; responseStatus?: number; error?: string; durationMs: number },
  ): Promise<void> {
    const [row] = await updateReturning<{ attempts: number }>(
      tx,
      `UPDATE notification_deliveries SET attempts = attempts + 1, status = $2, last_error = $3, updated_at = now(),
              sent_at = CASE WHEN $2 = 'sent' THEN now() ELSE sent_at END,
              failed_at = CASE WHEN $2 = 'failed' THEN now() ELSE NULL END
        WHERE id = $1 RETURNING attempts`,
      [id, outcome.status, outcome.error ?? null],
    );
    await tx.query(
      `INSERT INTO notification_delivery_attempts (delivery_id, attempt, outcome, response_status, error, duration_ms)
       VALUES ($1, $2, $3, $4, $5, $6)`,
      [id, row!.attempts, outcome.status === 'sent' ? 'sent' : 'failed', outcome.responseStatus ?? null, outcome.error ?? null, Math.round(outcome.durationMs)],
    );
  }

  /** Nothing was attempted: the channel cannot send on this platform (`reason` says which). */
  async markNotConfigured(tx: TenantTransaction, id: string, reason: string): Promise<void> {
    await tx.query(`UPDATE notification_deliveries SET status = 'not_configured', last_error = $2, updated_at = now() WHERE id = $1`, [id, reason]);
  }

  /** A dead letter (or one whose channel was not configured) back to pending; undefined when it is neither. */
  async reopen(tx: TenantTransaction, id: string): Promise<number | undefined> {
    const [row] = await updateReturning<{ replays: number }>(
      tx,
      `UPDATE notification_deliveries SET status = 'pending', replays = replays + 1, last_error = NULL, failed_at = NULL, updated_at = now()
        WHERE id = $1 AND status IN ('failed', 'not_configured') RETURNING replays`,
      [id],
    );
    return row?.replays;
  }
}

function toDelivery(row: Record<string, unknown>): Delivery {
  const iso = (value: unknown) => (value instanceof Date ? value.toISOString() : null);
  return {
    id: String(row.id),
    eventId: String(row.event_id),
    eventType: String(row.event_type),
    channel: row.channel as Delivery['channel'],
    recipient: String(row.recipient),
    status: row.status as DeliveryStatus,
    subject: (row.subject as string | null) ?? null,
    bodyText: (row.body_text as string | null) ?? null,
    bodyHtml: (row.body_html as string | null) ?? null,
    payload: (row.payload as Record<string, unknown> | null) ?? null,
    attempts: Number(row.attempts),
    lastError: (row.last_error as string | null) ?? null,
    replays: Number(row.replays),
    createdAt: iso(row.created_at)!,
    sentAt: iso(row.sent_at),
    failedAt: iso(row.failed_at),
  };
}
