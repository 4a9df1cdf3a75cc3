import type { CustomerFeedService, DeadLetterService, DeliveryLogService, TemplatePreviewService } from '@storefront/notifications';

export const NOTIFICATIONS_SERVICES = Symbol('NOTIFICATIONS_SERVICES');

/** The domain services the HTTP layer calls; built once per process in startNotifications(). */
export interface NotificationsServices {
  readonly deliveryLog: DeliveryLogService;
  readonly preview: TemplatePreviewService;
  readonly feed: CustomerFeedService;
  readonly deadLetters: DeadLetterService;
}
