import { Module, type DynamicModule } from '@nestjs/common';
import { SHARD_GUARD_OPTIONS, TenantShardGuard, type TenantShardGuardOptions } from '@storefront/service-runtime';
import { DeliveriesController } from './deliveries/deliveries.controller';
import { CustomerFeedController } from './feed/customer-feed.controller';
import { NOTIFICATIONS_SERVICES, type NotificationsServices } from './notifications-services';
import { TemplatePreviewController } from './templates/template-preview.controller';

/** One notifications shard's HTTP surface; the services are built outside Nest and handed in. */
@Module({})
export class NotificationsModule {
  static register(services: NotificationsServices, guard: TenantShardGuardOptions): DynamicModule {
    return {
      module: NotificationsModule,
      controllers: [DeliveriesController, TemplatePreviewController, CustomerFeedController],
      providers: [{ provide: NOTIFICATIONS_SERVICES, useValue: services }, { provide: SHARD_GUARD_OPTIONS, useValue: guard }, TenantShardGuard],
    };
  }
}
