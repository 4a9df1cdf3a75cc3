import type { TenantContext } from '@storefront/contracts';
import type { TenantUnitOfWork } from '@storefront/tenancy';
import type { Logger } from 'pino';
import type { OrderLifecycleService } from '../orders/order-lifecycle.service';
import { gatewayKeyOf } from './payment-attempts';
import type { PaymentGateways } from './payment-gateways';

export interface PaymentReconcilerOptions {
  /**
   * How old an unresolved attempt or refund must be before it is settled here: longer than a
   * shopper or merchant plausibly takes to retry the request themselves.
   */
  readonly staleAfterSeconds: number;
  readonly batchSize?: number;
  readonly logger?: Logger;
}

/** What one pass settled for one tenant. */
export interface Reconciled {
  /** Attempts that had charged with no order to show for it: the money went back. */
  readonly refunded: number;
  /** Attempts that had not charged: closed. */
  readonly abandoned: number;
  /** Cancellations and refunds whose gateway call had not been confirmed: finished. */
  readonly refundsFinished: number;
}

interface ClaimedAttempt {
  id: string;
  method: string;
  amount: string;
  currency: string;
  gateway_reference: string | null;
}

/**
 * Settles what a timeout or a crash left in doubt, exactly once:
 *  - a payment attempt still `started` (no order, no known outcome) is claimed as `reconciling`
 *    (so a late retry of its request starts a new attempt instead of resuming this one), the
 *    gateway is asked, and a charge is refunded (`refunded`), no charge closed (`abandoned`);
 *  - a payment still `refund_pending` has its cancellation or refund finished.
 * The stock of such an attempt went back long ago, so the order is not completed: refunding is
 * the outcome that needs no stock. Gateway keys make every step safe to repeat after a crash.
 */
export class PaymentReconciler {
  private readonly batchSize: number;

  constructor(
    private readonly unitOfWork: TenantUnitOfWork,
    private readonly gateways: PaymentGateways,
    private readonly lifecycle: OrderLifecycleService,
    private readonly options: PaymentReconcilerOptions,
  ) {
    this.batchSize = options.batchSize ?? 100;
  }

  async reconcile(ctx: TenantContext): Promise<Reconciled> {
    let refunded = 0;
    let abandoned = 0;
    for (const attempt of await this.claimStaleAttempts(ctx)) {
      try {
        const outcome = await this.settleAttempt(ctx, attempt);
        if (outcome === 'refunded') refunded++;
        if (outcome === 'abandoned') abandoned++;
      } catch (error) {
        // Stays `reconciling`; the next pass claims it again once it is stale once more.
        this.options.logger?.warn({ err: error, tenantId: ctx.tenantId, paymentAttempt: attempt.id }, 'payment attempt not settled yet');
      }
    }
    return { refunded, abandoned, refundsFinished: await this.finishPendingRefunds(ctx) };
  }

  /** `started` attempts past their staleness, and `reconciling` ones whose reconciler died. */
  private claimStaleAttempts(ctx: TenantContext): Promise<ClaimedAttempt[]> {
    return this.unitOfWork.run(ctx, async (tx) => {
      const [rows] = await tx.query<[ClaimedAttempt[], number]>(
        `UPDATE payment_attempts SET status = 'reconciling', updated_at = now()
          WHERE id IN (SELECT id FROM payment_attempts
                        WHERE status IN ('started', 'reconciling') AND updated_at < now() - make_interval(secs => $1)
                        ORDER BY updated_at LIMIT $2 FOR UPDATE SKIP LOCKED)
          RETURNING id, method, amount, currency, gateway_reference`,
        [this.options.staleAfterSeconds, this.batchSize],
      );
      return rows;
    });
  }

  private async settleAttempt(ctx: TenantContext, attempt: ClaimedAttempt): Promise<'refunded' | 'abandoned' | 'unknown'> {
    const gatewayKey = gatewayKeyOf(attempt.id);
    const lookup = await this.gateways.lookup(ctx, attempt.method, { idempotencyKey: gatewayKey, reference: attempt.gateway_reference });
    if (lookup.outcome === 'unknown') return 'unknown';
    let refundReference: string | null = null;
    if (lookup.outcome === 'charged') {
      // The same key as place-order's own refund after a failed order write: one refund between them.
      const refund = await this.gateways.refund(ctx, attempt.method, {
        reference: lookup.reference,
        amount: Number(attempt.amount),
        currency: attempt.currency,
        idempotencyKey: `refund-${gatewayKey}`,
      });
      refundReference = refund.reference;
    }
    const status = lookup.outcome === 'charged' ? 'refunded' : 'abandoned';
    await this.unitOfWork.run(ctx, (tx) =>
      tx.query(`UPDATE payment_attempts SET status = $2, gateway_reference = coalesce($3, gateway_reference), updated_at = now() WHERE id = $1 AND status = 'reconciling'`, [
        attempt.id,
        status,
        refundReference,
      ]),
    );
    this.options.logger?.info({ tenantId: ctx.tenantId, paymentAttempt: attempt.id, outcome: status }, 'payment attempt settled');
    return status;
  }

  private async finishPendingRefunds(ctx: TenantContext): Promise<number> {
    const pending = await this.unitOfWork.run(ctx, (tx) =>
      tx.query<{ order_id: string; refund_for: 'cancelled' | 'refunded' }[]>(
        `SELECT order_id, refund_for FROM payments WHERE status = 'refund_pending' AND updated_at < now() - make_interval(secs => $1) ORDER BY updated_at LIMIT $2`,
        [this.options.staleAfterSeconds, this.batchSize],
      ),
    );
    let finished = 0;
    for (const { order_id: orderId, refund_for: refundFor } of pending) {
      try {
        await (refundFor === 'cancelled' ? this.lifecycle.cancel(ctx, orderId) : this.lifecycle.refund(ctx, orderId));
        finished++;
      } catch (error) {
        this.options.logger?.warn({ err: error, tenantId: ctx.tenantId, orderId }, 'pending refund not finished yet');
      }
    }
    return finished;
  }
}
