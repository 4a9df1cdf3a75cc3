/**
 * Wire types of the delivery log: the notifications shards answer them, the platform API
 * forwards them to the merchant, the console shows them (on the webhooks page).
 */
import type { OffsetPage } from './paging';

export const DELIVERY_STATUSES = ['pending', 'retrying', 'sent', 'failed', 'not_configured'] as const;
/**
 * `failed` is the dead letter: every attempt was used; the merchant (or an admin) may replay it.
 * `not_configured`: the platform has no way to send on that channel (no SMTP server, no SMS
 * provider); nothing was attempted, and it may be replayed once the channel is set up.
 */
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

export const DELIVERY_CHANNELS = ['email', 'sms', 'webhook'] as const;
export type DeliveryChannel = (typeof DELIVERY_CHANNELS)[number];

/** One message of one event to one recipient over one channel. */
export interface Delivery {
  readonly id: string;
  readonly eventId: string;
  readonly eventType: string;
  readonly channel: DeliveryChannel;
  /** Email address, phone number, or webhook endpoint id. */
  readonly recipient: string;
  readonly status: DeliveryStatus;
  readonly subject: string | null;
  readonly bodyText: string | null;
  readonly bodyHtml: string | null;
  readonly payload: Record<string, unknown> | null;
  readonly attempts: number;
  readonly lastError: string | null;
  readonly replays: number;
  readonly createdAt: string;
  readonly sentAt: string | null;
  readonly failedAt: string | null;
}

export interface DeliveryAttempt {
  readonly attempt: number;
  readonly outcome: 'sent' | 'failed';
  readonly responseStatus: number | null;
  readonly error: string | null;
  readonly durationMs: number;
  readonly attemptedAt: string;
}

export interface DeliveryDetail extends Delivery {
  readonly attemptLog: readonly DeliveryAttempt[];
}

/** `GET .../deliveries`: newest first. */
export type DeliveryList = OffsetPage<Delivery>;
