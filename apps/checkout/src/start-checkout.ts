import type { Logger } from '@storefront/observability';
import {
  CashOnDeliveryGateway,
  FlashSaleGate,
  OrderLifecycleService,
  PaymentGateways,
  PlaceOrderService,
  StripeGateway,
  TestCardGateway,
  type PaymentGatewayStrategy,
} from '@storefront/orders';
import { OutboxRelay } from '@storefront/outbox';
import { openShardServiceResources, startHttpService, type RunningHttpService } from '@storefront/service-runtime';
import type { CheckoutConfig } from './checkout.config';
import { CheckoutModule } from './checkout.module';

export interface StartCheckoutOptions {
  readonly config: CheckoutConfig;
  readonly logger: Logger;
  /** Off when tests run several shards in one process. */
  readonly handleSignals?: boolean;
}

/** Builds one checkout shard (pools, gateways, outbox relay) and serves it over HTTP. */
export async function startCheckout({ config, logger, handleSignals }: StartCheckoutOptions): Promise<RunningHttpService> {
  const resources = await openShardServiceResources('checkout', config, config.PLATFORM_CHECKOUT_BASE_PORT);
  const { clusters, unitOfWork } = resources;
  const gateways = new PaymentGateways(paymentGatewaysOf(config), config.PLATFORM_PAYMENT_TIMEOUT_MS);
  const flashGate = new FlashSaleGate(resources.redis);
  const relay = new OutboxRelay({ clusters, connection: resources.queueRedis, logger });
  relay.start();

  return startHttpService(
    CheckoutModule.register(
      {
        placeOrder: new PlaceOrderService({ unitOfWork, gateways, flashGate, logger }),
        lifecycle: new OrderLifecycleService(unitOfWork, gateways, flashGate),
      },
      resources.guard,
    ),
    {
      service: 'checkout',
      shard: config.PLATFORM_SHARD_ID,
      host: config.HOST,
      port: config.PORT,
      logger,
      healthChecks: resources.healthChecks,
      handleSignals: handleSignals ?? true,
      shutdownSteps: [{ name: 'outbox relay', run: () => relay.stop() }, ...resources.closeSteps],
    },
  );
}

function paymentGatewaysOf(config: CheckoutConfig): PaymentGatewayStrategy[] {
  const gateways: PaymentGatewayStrategy[] = [new TestCardGateway(), new CashOnDeliveryGateway()];
  if (config.PLATFORM_STRIPE_SECRET_KEY) {
    gateways.push(
      new StripeGateway({
        secretKey: config.PLATFORM_STRIPE_SECRET_KEY,
        timeoutMs: config.PLATFORM_PAYMENT_TIMEOUT_MS,
        ...(config.PLATFORM_STRIPE_API_URL ? { apiUrl: config.PLATFORM_STRIPE_API_URL } : {}),
      }),
    );
  }
  return gateways;
}
