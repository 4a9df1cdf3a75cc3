import type { TenantContext } from '@storefront/contracts';
import type { TenantTransaction } from '@storefront/tenancy';
import { InvalidOrderError, PaymentSecretsUnavailableError, PaymentTimeoutError, TestCardInLiveModeError } from '../checkout-errors';
import type { StorePaymentSettings } from '../payment-settings/store-payment-settings';
import type { ChargeLookup, ChargeLookupRequest, ChargeRequest, ChargeResult, PaymentGatewayStrategy, RefundRequest } from './payment-gateway.strategy';

/**
 * The payment gateways of a process, each call bounded by one timeout. Which methods a store
 * accepts for new charges comes from its payment settings; refunds and lookups go to the gateway
 * that took the money whatever the store accepts today (an order paid by test card before the
 * store went live is still refunded by the test card gateway).
 */
export class PaymentGateways {
  private readonly byMethod: ReadonlyMap<string, PaymentGatewayStrategy>;

  constructor(
    gateways: readonly PaymentGatewayStrategy[],
    private readonly timeoutMs: number,
    readonly settings: StorePaymentSettings,
  ) {
    this.byMethod = new Map(gateways.map((gateway) => [gateway.method, gateway]));
  }

  /** Refuses, before any stock is taken, a method the store does not accept now. */
  async assertAccepted(ctx: TenantContext, method: string, tx?: TenantTransaction): Promise<void> {
    const { mode, methods } = await this.settings.options(ctx, tx);
    if (methods.some((accepted) => accepted === method) && this.byMethod.has(method)) {
      // Refused before any stock is taken, and not stored as the request's answer (a 5xx).
      if (method === 'stripe' && !this.settings.canOpenSecrets) throw new PaymentSecretsUnavailableError();
      return;
    }
    if (method === 'test-card' && mode === 'live') throw new TestCardInLiveModeError();
    throw new InvalidOrderError(`this store does not accept payment method "${method}"`, [
      { field: 'paymentMethod', message: methods.length > 0 ? `one of ${methods.join(', ')}` : 'the store accepts no payment method yet' },
    ]);
  }

  /**
   * Charges through the method's gateway; no answer within the timeout is PaymentTimeoutError.
   * Callers check `assertAccepted` first (place order does, before it takes stock).
   */
  async charge(ctx: TenantContext, method: string, request: Omit<ChargeRequest, 'signal'>): Promise<ChargeResult> {
    const gateway = this.gatewayFor(method);
    return this.withinTimeout((signal) => gateway.charge(ctx, { ...request, signal }));
  }

  /** Refunds through the method's gateway, bounded by the same timeout. */
  refund(ctx: TenantContext, method: string, request: Omit<RefundRequest, 'signal'>): Promise<{ reference: string }> {
    const gateway = this.gatewayFor(method);
    return this.withinTimeout((signal) => gateway.refund(ctx, { ...request, signal }));
  }

  /** Asks what became of a charge, bounded by the same timeout. */
  lookup(ctx: TenantContext, method: string, request: Omit<ChargeLookupRequest, 'signal'>): Promise<ChargeLookup> {
    const gateway = this.gatewayFor(method);
    return this.withinTimeout((signal) => gateway.lookup(ctx, { ...request, signal }));
  }

  /** Gives up a charge that waits for the shopper, where the gateway has such charges. */
  async abandon(ctx: TenantContext, method: string, reference: string): Promise<void> {
    const gateway = this.gatewayFor(method);
    if (gateway.abandon) await this.withinTimeout((signal) => gateway.abandon!(ctx, { reference, signal }));
  }

  private gatewayFor(method: string): PaymentGatewayStrategy {
    const gateway = this.byMethod.get(method);
    if (!gateway) throw new InvalidOrderError(`payment method "${method}" has no gateway here`, [{ field: 'paymentMethod', message: `one of ${[...this.byMethod.keys()].join(', ')}` }]);
    return gateway;
  }

  private async withinTimeout<T>(call: (signal: AbortSignal) => Promise<T>): Promise<T> {
    const controller = new AbortController();
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => {
        controller.abort();
        reject(new PaymentTimeoutError(`the payment gateway did not answer within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
    });
    try {
      return await Promise.race([call(controller.signal), timeout]);
    } finally {
      clearTimeout(timer);
    }
  }
}
