import type { DeliveryChannel } from '../notification-events';

export const DELIVERY_STATUSES = ['pending', 'retrying', 'sent', 'failed'] as const;
/** `failed` is the dead letter: every attempt was used; an admin or merchant may replay it. */
export type DeliveryStatus = (typeof DELIVERY_STATUSES)[number];

/** One message of one event to one recipient over one channel, as the delivery log shows it. */
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

/** A delivery to plan; rendered now, so a replay sends exactly what the log shows. */
export interface NewDelivery {
  readonly channel: DeliveryChannel;
  readonly recipient: string;
  readonly subject?: string;
  readonly bodyText?: string;
  readonly bodyHtml?: string;
  readonly payload?: Record<string, unknown>;
}
