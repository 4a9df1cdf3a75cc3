import { Module, type DynamicModule } from '@nestjs/common';
import { SHARD_GUARD_OPTIONS, TenantShardGuard, type TenantShardGuardOptions } from '@storefront/service-runtime';
import { ADMIN_TOKENS, AdminTokenGuard } from './admin/admin-token.guard';
import { DeadLettersController } from './admin/dead-letters.controller';
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
      controllers: [DeliveriesController, TemplatePreviewController, CustomerFeedController, DeadLettersController],
      providers: [
        { provide: NOTIFICATIONS_SERVICES, useValue: services },
        { provide: SHARD_GUARD_OPTIONS, useValue: guard },
        { provide: ADMIN_TOKENS, useValue: guard.tokens },
        TenantShardGuard,
        AdminTokenGuard,
      ],
    };
  }
}
