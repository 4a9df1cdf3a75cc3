import type { DeliveryChannel } from '../notification-events';

// The log's shapes are the merchant API's contract (forwarded by the platform API, shown by the console).
export { DELIVERY_STATUSES, type Delivery, type DeliveryAttempt, type DeliveryDetail, type DeliveryStatus } from '@storefront/contracts';

/** A delivery to plan; rendered now, so a replay sends exactly what the log shows. */
export interface NewDelivery {
  readonly channel: DeliveryChannel;
  readonly recipient: string;
  readonly subject?: string;
  readonly bodyText?: string;
  readonly bodyHtml?: string;
  readonly payload?: Record<string, unknown>;
}
