import type { TenantContext } from '@storefront/contracts';
import { InvalidOrderError, PaymentTimeoutError } from '../checkout-errors';
import type { ChargeLookup, ChargeLookupRequest, ChargeRequest, ChargeResult, PaymentGatewayStrategy, RefundRequest } from './payment-gateway.strategy';

/** The payment methods a process offers, each bounded by one timeout. */
export class PaymentGateways {
  private readonly byMethod: ReadonlyMap<string, PaymentGatewayStrategy>;

  constructor(
    gateways: readonly PaymentGatewayStrategy[],
    private readonly timeoutMs: number,
  ) {
    this.byMethod = new Map(gateways.map((gateway) => [gateway.method, gateway]));
  }

  get methods(): string[] {
    return [...this.byMethod.keys()];
  }

  gatewayFor(method: string): PaymentGatewayStrategy {
    const gateway = this.byMethod.get(method);
    if (!gateway) {
      throw new InvalidOrderError(`payment method "${method}" is not offered`, [
        { field: 'paymentMethod', message: `one of ${this.methods.join(', ')}` },
      ]);
    }
    return gateway;
  }

  /** Charges through the method's gateway; no answer within the timeout is PaymentTimeoutError. */
  charge(ctx: TenantContext, method: string, request: Omit<ChargeRequest, 'signal'>): Promise<ChargeResult> {
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
