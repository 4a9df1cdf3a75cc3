import { databaseUrlsOf, shardCountsOf } from '@storefront/config';
import { DatabaseClusters } from '@storefront/database';
import { HealthChecks, type Logger } from '@storefront/observability';
import {
  CashOnDeliveryGateway,
  ExpiredReservationsSweeper,
  FlashSaleGate,
  OrderLifecycleService,
  PaymentGateways,
  PlaceOrderService,
  StripeGateway,
  TestCardGateway,
  type PaymentGatewayStrategy,
} from '@storefront/orders';
import { OutboxRelay } from '@storefront/outbox';
import { ServiceTokens, ShardAssignments, ShardRouter, TenantUnitOfWork } from '@storefront/tenancy';
import { startHttpService, type RunningHttpService } from '@storefront/service-runtime';
import Redis from 'ioredis';
import type { CheckoutConfig } from './checkout.config';
import { CheckoutModule } from './checkout.module';
import { ReservationSweepScheduler } from './tenancy/reservation-sweep.scheduler';
import { ShardTenantDirectory } from './tenancy/shard-tenant-directory';

export interface StartCheckoutOptions {
  readonly config: CheckoutConfig;
  readonly logger: Logger;
  /** Off when tests run several shards in one process. */
  readonly handleSignals?: boolean;
}

/** Builds one checkout shard (pools, gateways, outbox relay) and serves it over HTTP. */
export async function startCheckout({ config, logger, handleSignals }: StartCheckoutOptions): Promise<RunningHttpService> {
  const clusters = new DatabaseClusters({
    urls: databaseUrlsOf(config),
    poolSize: config.PLATFORM_DB_POOL_SIZE,
    applicationName: `checkout-${config.PLATFORM_SHARD_ID}`,
  });
  await clusters.initialize();
  const redis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: 3 });
  // BullMQ wants its own connection that retries forever instead of failing commands.
  const queueRedis = new Redis(config.REDIS_URL, { maxRetriesPerRequest: null });

  const unitOfWork = new TenantUnitOfWork(clusters);
  const gateways = new PaymentGateways(paymentGatewaysOf(config), config.PLATFORM_PAYMENT_TIMEOUT_MS);
  const flashGate = new FlashSaleGate(redis);
  const relay = new OutboxRelay({ clusters, connection: queueRedis, logger });
  relay.start();
  const sweeps = new ReservationSweepScheduler(clusters, new ExpiredReservationsSweeper(unitOfWork, flashGate), config.PLATFORM_SHARD_ID, logger);
  sweeps.start();

  const healthChecks = new HealthChecks()
    .register('postgres', async () => void (await clusters.primary.query('SELECT 1')))
    .register('redis', async () => (await redis.ping()) === 'PONG');

  return startHttpService(
    CheckoutModule.register(
      {
        placeOrder: new PlaceOrderService({ unitOfWork, gateways, flashGate, logger }),
        lifecycle: new OrderLifecycleService(unitOfWork, gateways, flashGate),
      },
      {
        shardId: config.PLATFORM_SHARD_ID,
        tokens: new ServiceTokens(config.PLATFORM_SERVICE_TOKEN_SECRET),
        directory: new ShardTenantDirectory(clusters),
        router: new ShardRouter(new ShardAssignments(clusters, shardCountsOf(config)), {
          urlTemplate: config.PLATFORM_SHARD_URL_TEMPLATE,
          basePorts: { checkout: config.PLATFORM_CHECKOUT_BASE_PORT },
        }),
      },
    ),
    {
      service: 'checkout',
      shard: config.PLATFORM_SHARD_ID,
      host: config.HOST,
      port: config.PORT,
      logger,
      healthChecks,
      handleSignals: handleSignals ?? true,
      shutdownSteps: [
        { name: 'reservation sweeps', run: () => sweeps.stop() },
        { name: 'outbox relay', run: () => relay.stop() },
        { name: 'redis', run: async () => void (await Promise.all([redis.quit(), queueRedis.quit()])) },
        { name: 'postgres', run: () => clusters.destroy() },
      ],
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
