import type { TenantContext } from '@storefront/contracts';
import type { ChargeLookup, ChargeRequest, ChargeResult, PaymentGatewayStrategy, RefundRequest } from './payment-gateway.strategy';

/** Nothing is taken now; the payment stays pending until the courier collects it. */
export class CashOnDeliveryGateway implements PaymentGatewayStrategy {
  readonly method = 'cod';

  async charge(_ctx: TenantContext, request: ChargeRequest): Promise<ChargeResult> {
    return { status: 'pending', reference: `cod_${request.idempotencyKey}` };
  }

  /** No money moves at checkout, so an order that was never written took none. */
  async lookup(): Promise<ChargeLookup> {
    return { outcome: 'not-charged' };
  }

  async refund(_ctx: TenantContext, request: RefundRequest): Promise<{ reference: string }> {
    // Money handed back in person; recorded so the order's books still balance.
    return { reference: `cod_refund_${request.idempotencyKey}` };
  }
}
