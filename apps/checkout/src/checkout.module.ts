import { Module, type DynamicModule } from '@nestjs/common';
import { CHECKOUT_SERVICES, type CheckoutServices } from './checkout-services';
import { OrdersController } from './orders/orders.controller';
import { SHARD_GUARD_OPTIONS, TenantShardGuard, type TenantShardGuardOptions } from './tenancy/tenant-shard.guard';

/** One checkout shard's HTTP surface; the services are built outside Nest and handed in. */
@Module({})
export class CheckoutModule {
  static register(services: CheckoutServices, guard: TenantShardGuardOptions): DynamicModule {
    return {
      module: CheckoutModule,
      controllers: [OrdersController],
      providers: [
        { provide: CHECKOUT_SERVICES, useValue: services },
        { provide: SHARD_GUARD_OPTIONS, useValue: guard },
        TenantShardGuard,
      ],
    };
  }
}
