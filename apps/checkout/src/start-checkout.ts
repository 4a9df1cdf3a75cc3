import type { Logger } from '@storefront/observability';
import {
  CartQuotes,
  createStandardPaymentGateways,
  ExpiredReservationsSweeper,
  FlashSaleGate,
  IdempotencyKeys,
  OrderLifecycleService,
  PaymentConfirmations,
  PaymentReconciler,
  PaymentSettingsService,
  PlaceOrderService,
} from '@storefront/orders';
import { OutboxRelay } from '@storefront/outbox';
import { openShardServiceResources, startHttpService, type RunningHttpService } from '@storefront/service-runtime';
import type { CheckoutConfig } from './checkout.config';
import { CheckoutMetrics } from './checkout-metrics';
import { CheckoutModule } from './checkout.module';
import { retentionPurgeJob } from './retention-purge.job';
import { ShardTenantJobsScheduler } from './shard-tenant-jobs.scheduler';

export interface StartCheckoutOptions {
  readonly config: CheckoutConfig;
  readonly logger: Logger;
  /** Off when tests run several shards in one process. */
  readonly handleSignals?: boolean;
}

/** Builds one checkout shard (pools, gateways, outbox relay) and serves it over HTTP. */
export async function startCheckout({ config, logger, handleSignals }: StartCheckoutOptions): Promise<RunningHttpService> {
  const { clusters, unitOfWork, redis, queueRedis, healthChecks, guard, closeSteps } = await openShardServiceResources('checkout', config);
  const keyring = config.PLATFORM_SECRETS_KEYRING ?? null;
  if (!keyring) logger.warn('PLATFORM_SECRETS_KEYRING is not set: stores cannot store or use Stripe keys on this shard');
  const gateways = createStandardPaymentGateways({
    unitOfWork,
    keyring,
    timeoutMs: config.PLATFORM_PAYMENT_TIMEOUT_MS,
    ...(config.PLATFORM_STRIPE_API_URL ? { stripeApiUrl: config.PLATFORM_STRIPE_API_URL } : {}),
  });
  const paymentSettings = new PaymentSettingsService(unitOfWork, keyring, (tenantId) => gateways.settings.forget(tenantId));
  const flashGate = new FlashSaleGate(redis);
  const relay = new OutboxRelay({ clusters, connection: queueRedis, logger });
  relay.start();
  const lifecycle = new OrderLifecycleService(unitOfWork, gateways, flashGate);
  const sweeper = new ExpiredReservationsSweeper(unitOfWork, flashGate);
  const confirmations = new PaymentConfirmations(unitOfWork, gateways, flashGate, logger);
  const reconciler = new PaymentReconciler(unitOfWork, gateways, lifecycle, { staleAfterSeconds: config.PLATFORM_PAYMENT_RECONCILE_AFTER_SECONDS, logger });
  const housekeeping = new ShardTenantJobsScheduler(
    clusters,
    [
      { name: 'reservation sweep', run: async (ctx) => ({ units: await sweeper.sweep(ctx) }) },
      { name: 'payment reconciliation', run: async (ctx) => ({ ...(await reconciler.reconcile(ctx)) }) },
      {
        name: 'payments awaiting the shopper',
        run: async (ctx) =>
          confirmations.settleStale(ctx, {
            askAfterSeconds: config.PLATFORM_PAYMENT_RECONCILE_AFTER_SECONDS,
            abandonAfterSeconds: config.PLATFORM_PAYMENT_ACTION_TIMEOUT_SECONDS,
          }),
      },
      retentionPurgeJob(unitOfWork, config),
    ],
    config.PLATFORM_SHARD_ID,
    logger,
    config.PLATFORM_HOUSEKEEPING_INTERVAL_SECONDS * 1000,
  );
  housekeeping.start();

  const metrics = new CheckoutMetrics();
  const running = await startHttpService(
    CheckoutModule.register(
      {
        placeOrder: new PlaceOrderService({
          unitOfWork,
          gateways,
          flashGate,
          logger,
          idempotencyKeys: new IdempotencyKeys({ leaseSeconds: config.PLATFORM_IDEMPOTENCY_LEASE_SECONDS }),
        }),
        quotes: new CartQuotes(unitOfWork),
        lifecycle,
        paymentSettings,
        gateways,
        confirmations,
        metrics,
      },
      guard,
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
        { name: 'housekeeping', run: () => housekeeping.stop() },
        { name: 'outbox relay', run: () => relay.stop() },
        ...closeSteps,
      ],
    },
  );
  metrics.register(running.metrics.registry);
  return running;
}
