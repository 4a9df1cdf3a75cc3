import type { TenantContext } from '@storefront/contracts';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { InvalidOrderError, PaymentDeclinedError } from '../checkout-errors';
import type { ChargeRequest, ChargeResult, PaymentGatewayStrategy, RefundRequest } from './payment-gateway.strategy';

/** Test tokens: success, decline, and a gateway that does not answer in time. */
export const TEST_CARD_TOKENS = { success: 'tok_success', decline: 'tok_decline', timeout: 'tok_timeout' } as const;

/** A card gateway for tests and demos that behaves by token, with the real gateway's failure modes. */
export class TestCardGateway implements PaymentGatewayStrategy {
  readonly method = 'test-card';
  private readonly charges = new Map<string, ChargeResult>();

  constructor(private readonly hangMs = 60_000) {}

  async charge(_ctx: TenantContext, request: ChargeRequest): Promise<ChargeResult> {
    const previous = this.charges.get(request.idempotencyKey);
    if (previous) return previous;
    switch (request.token) {
      case TEST_CARD_TOKENS.success: {
        const result: ChargeResult = { status: 'captured', reference: `test_ch_${randomUUID()}` };
        this.charges.set(request.idempotencyKey, result);
        return result;
      }
      case TEST_CARD_TOKENS.decline:
        throw new PaymentDeclinedError('the card was declined');
      case TEST_CARD_TOKENS.timeout:
        // Stands for a gateway that never answers: waits until the caller gives up.
        await sleep(this.hangMs, undefined, { signal: request.signal }).catch(() => undefined);
        throw new Error('test gateway did not answer');
      default:
        throw new InvalidOrderError('unknown test card token', [{ field: 'paymentToken', message: 'use tok_success, tok_decline or tok_timeout' }]);
    }
  }

  async refund(_ctx: TenantContext, request: RefundRequest): Promise<{ reference: string }> {
    return { reference: `test_re_${request.idempotencyKey}` };
  }
}
