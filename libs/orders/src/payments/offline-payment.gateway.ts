import type { TenantContext } from '@storefront/contracts';
import type { ChargeLookup, ChargeRequest, ChargeResult, PaymentGatewayStrategy, RefundRequest } from './payment-gateway.strategy';

/**
 * Payment collected outside the platform: cash on delivery (by the courier) or a bank transfer
 * (by the merchant, with the instructions from the store's settings). Nothing is taken at
 * checkout; the payment stays pending until the merchant records it.
 */
export class OfflinePaymentGateway implements PaymentGatewayStrategy {
  constructor(readonly method: 'cod' | 'bank-transfer') {}

  async charge(_ctx: TenantContext, request: ChargeRequest): Promise<ChargeResult> {
    return { status: 'pending', reference: `${this.prefix}_${request.idempotencyKey}` };
  }

  /** No money moves at checkout, so an order that was never written took none. */
  async lookup(): Promise<ChargeLookup> {
    return { outcome: 'not-charged' };
  }

  async refund(_ctx: TenantContext, request: RefundRequest): Promise<{ reference: string }> {
    // Money handed back outside the platform; recorded so the order's books still balance.
    return { reference: `${this.prefix}_refund_${request.idempotencyKey}` };
  }

  private get prefix(): string {
    return this.method === 'cod' ? 'cod' : 'bank';
  }
}
