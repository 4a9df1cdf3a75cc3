export * from './store-settings.entity';
export * from './store-settings.service';
export * from './store-settings-errors';
export * from './notification-events';
export * from './notification-template.entity';
export * from './notification-template.service';
export * from './webhook-endpoint.entity';
export * from './webhook-endpoint.service';

import { NotificationTemplateEntity } from './notification-template.entity';
import { StoreSettingsEntity } from './store-settings.entity';
import { WebhookEndpointEntity } from './webhook-endpoint.entity';

/** Tenant entities of this module; pass them to DatabaseClusters as `tenantEntities`. */
export const STORE_SETTINGS_ENTITIES = [StoreSettingsEntity, NotificationTemplateEntity, WebhookEndpointEntity] as const;
export * from './payment-settings.row';
