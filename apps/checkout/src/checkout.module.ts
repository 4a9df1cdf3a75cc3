import { Module, type DynamicModule } from '@nestjs/common';
import { SHARD_GUARD_OPTIONS, TenantShardGuard, type TenantShardGuardOptions } from '@storefront/service-runtime';
import { CHECKOUT_SERVICES, type CheckoutServices } from './checkout-services';
import { OrdersController } from './orders/orders.controller';
import { QuotesController } from './orders/quotes.controller';
import { PaymentConfirmationController } from './payments/payment-confirmation.controller';
import { PaymentSettingsController } from './payment-settings/payment-settings.controller';

/** One checkout shard's HTTP surface; the services are built outside Nest and handed in. */
@Module({})
export class CheckoutModule {
  static register(services: CheckoutServices, guard: TenantShardGuardOptions): DynamicModule {
    return {
      module: CheckoutModule,
      controllers: [OrdersController, QuotesController, PaymentSettingsController, PaymentConfirmationController],
      providers: [
        { provide: CHECKOUT_SERVICES, useValue: services },
        { provide: SHARD_GUARD_OPTIONS, useValue: guard },
        TenantShardGuard,
      ],
    };
  }
}
