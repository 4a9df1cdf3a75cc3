import type { TenantContext } from '@storefront/contracts';
import Stripe from 'stripe';
import { PaymentDeclinedError } from '../checkout-errors';
import type { ChargeRequest, ChargeResult, PaymentGatewayStrategy, RefundRequest } from './payment-gateway.strategy';

export interface StripeGatewayOptions {
  readonly secretKey: string;
  /** Another API base, e.g. stripe-mock (`http://127.0.0.1:12111`). */
  readonly apiUrl?: string;
  readonly timeoutMs?: number;
}

/**
 * Card payments through Stripe PaymentIntents, confirmed at once with the shopper's payment
 * method. The idempotency key makes a retried request return the first intent, never a second charge.
 */
export class StripeGateway implements PaymentGatewayStrategy {
  readonly method = 'stripe';
  private readonly stripe: Stripe;

  constructor(options: StripeGatewayOptions) {
    const api = options.apiUrl ? new URL(options.apiUrl) : undefined;
    this.stripe = new Stripe(options.secretKey, {
      maxNetworkRetries: 2,
      timeout: options.timeoutMs ?? 10_000,
      ...(api
        ? { host: api.hostname, port: Number(api.port || (api.protocol === 'https:' ? 443 : 80)), protocol: api.protocol === 'https:' ? 'https' : 'http' }
        : {}),
    });
  }

  async charge(ctx: TenantContext, request: ChargeRequest): Promise<ChargeResult> {
    try {
      const intent = await this.stripe.paymentIntents.create(
        {
          amount: request.amount,
          currency: request.currency.toLowerCase(),
          payment_method: request.token,
          automatic_payment_methods: { enabled: true, allow_redirects: 'never' },
          confirm: true,
          description: request.description,
          metadata: { tenantId: ctx.tenantId },
        },
        { idempotencyKey: request.idempotencyKey },
      );
      if (intent.status === 'succeeded') return { status: 'captured', reference: intent.id };
      if (intent.status === 'processing' || intent.status === 'requires_capture') return { status: 'pending', reference: intent.id };
      throw new PaymentDeclinedError(`the payment was not completed (${intent.status})`);
    } catch (error) {
      if (error instanceof Stripe.errors.StripeCardError) throw new PaymentDeclinedError(error.message);
      throw error;
    }
  }

  async refund(_ctx: TenantContext, request: RefundRequest): Promise<{ reference: string }> {
    const refund = await this.stripe.refunds.create(
      { payment_intent: request.reference, amount: request.amount },
      { idempotencyKey: request.idempotencyKey },
    );
    return { reference: refund.id };
  }
}
