import type { TenantContext } from '@storefront/contracts';
import { LRUCache } from 'lru-cache';
import { randomUUID } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { InvalidOrderError, PaymentDeclinedError } from '../checkout-errors';
import type { ChargeLookup, ChargeLookupRequest, ChargeRequest, ChargeResult, PaymentGatewayStrategy, RefundRequest } from './payment-gateway.strategy';

/**
 * Test tokens: success, decline, a gateway that does not answer in time, and a charge whose
 * first refund call (per refund key) does not answer in time, while later ones succeed.
 */
export const TEST_CARD_TOKENS = { success: 'tok_success', decline: 'tok_decline', timeout: 'tok_timeout', slowRefund: 'tok_slow_refund' } as const;

const SLOW_REFUND_REFERENCE = 'test_ch_slowrefund_';

/** A card gateway for tests and demos that behaves by token, with the real gateway's failure modes. */
export class TestCardGateway implements PaymentGatewayStrategy {
  readonly method = 'test-card';
  /** Answers by idempotency key, like a real gateway's; bounded so a long demo run cannot grow it forever. */
  private readonly charges = new LRUCache<string, ChargeResult>({ max: 100_000 });
  private readonly slowRefundsSeen = new LRUCache<string, true>({ max: 100_000 });

  constructor(private readonly hangMs = 60_000) {}

  async charge(_ctx: TenantContext, request: ChargeRequest): Promise<ChargeResult> {
    const previous = this.charges.get(request.idempotencyKey);
    if (previous) return previous;
    switch (request.token) {
      case TEST_CARD_TOKENS.success:
      case TEST_CARD_TOKENS.slowRefund: {
        const prefix = request.token === TEST_CARD_TOKENS.slowRefund ? SLOW_REFUND_REFERENCE : 'test_ch_';
        const result: ChargeResult = { status: 'captured', reference: `${prefix}${randomUUID()}` };
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
        throw new InvalidOrderError('unknown test card token', [
          { field: 'paymentToken', message: `use ${Object.values(TEST_CARD_TOKENS).join(', ')}` },
        ]);
    }
  }

  /** From this process's memory, as its charges live nowhere else: after a restart, none was taken. */
  async lookup(_ctx: TenantContext, request: ChargeLookupRequest): Promise<ChargeLookup> {
    const charge = this.charges.get(request.idempotencyKey);
    return charge ? { outcome: 'charged', reference: charge.reference } : { outcome: 'not-charged' };
  }

  async refund(_ctx: TenantContext, request: RefundRequest): Promise<{ reference: string }> {
    if (request.reference.startsWith(SLOW_REFUND_REFERENCE) && !this.slowRefundsSeen.has(request.idempotencyKey)) {
      this.slowRefundsSeen.set(request.idempotencyKey, true);
      await sleep(this.hangMs, undefined, { signal: request.signal }).catch(() => undefined);
      throw new Error('test gateway did not answer');
    }
    return { reference: `test_re_${request.idempotencyKey}` };
  }
}
