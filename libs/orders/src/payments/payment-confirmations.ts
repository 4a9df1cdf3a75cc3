import type { OrderDetail, TenantContext } from '@storefront/contracts';
import { appendToOutbox, newDomainEvent } from '@storefront/outbox';
import type { TenantTransaction, TenantUnitOfWork } from '@storefront/tenancy';
import type { Logger } from 'pino';
import type Stripe from 'stripe';
import { OrderNotFoundError } from '../checkout-errors';
import { orderPlacedEvent } from '../orders/order-placed.event';
import { isOrderId, OrderRepository } from '../orders/order.repository';
import type { FlashSaleGate } from '../stock/flash-sale.gate';
import { StockReservations } from '../stock/stock-reservations';
import type { PaymentGateways } from './payment-gateways';

/** What a Stripe event did: changed an order, was seen before, or concerns nothing here. */
export type StripeEventOutcome = 'applied' | 'duplicate' | 'ignored';

/** The payment of an order awaiting it was decided: paid (the order is placed) or failed (cancelled). */
type Decision = 'paid' | 'failed';

/**
 * Settles orders `awaiting_payment` (the shopper had to confirm the payment, e.g. card
 * authentication), from whichever news comes first: the shopper's browser coming back
 * (`refresh` asks the gateway), the gateway's webhook event, or the housekeeping pass for orders
 * whose shopper never came back. Each decision is a conditional change under the order's lock,
 * so news arriving twice, or from two sides at once, settles the order once.
 */
export class PaymentConfirmations {
  private readonly orders = new OrderRepository();
  private readonly reservations = new StockReservations();

  constructor(
    private readonly unitOfWork: TenantUnitOfWork,
    private readonly gateways: PaymentGateways,
    private readonly flashGate?: FlashSaleGate,
    private readonly logger?: Logger,
  ) {}

  /** Asks the gateway about the order's payment and settles it when the gateway can tell. */
  async refresh(ctx: TenantContext, orderId: string): Promise<OrderDetail> {
    const order = await this.unitOfWork.run(ctx, (tx) => this.orders.findById(tx, orderId));
    if (!order) throw new OrderNotFoundError(orderId);
    if (order.status !== 'awaiting_payment' || !order.payment) return order;
    const lookup = await this.gateways.lookup(ctx, order.payment.method, { idempotencyKey: '', reference: order.payment.reference });
    if (lookup.outcome === 'unknown') return order;
    if (lookup.outcome === 'charged') return this.decide(ctx, orderId, 'paid');
    return this.failAfterGivingUp(ctx, orderId, order.payment.method, order.payment.reference);
  }

  /**
   * A failed payment is given up at the gateway before the order is cancelled: the shopper holds
   * the intent's client secret and could still pay it with another card, for an order that no
   * longer holds its stock. Should it have succeeded meanwhile, the order is placed instead.
   */
  private async failAfterGivingUp(ctx: TenantContext, orderId: string, method: string, reference: string | null): Promise<OrderDetail> {
    if (reference) {
      await this.gateways.abandon(ctx, method, reference);
      const after = await this.gateways.lookup(ctx, method, { idempotencyKey: '', reference });
      if (after.outcome === 'charged') return this.decide(ctx, orderId, 'paid');
    }
    return this.decide(ctx, orderId, 'failed');
  }

  /** Applies a verified Stripe event to the order its PaymentIntent paid for, once per event id. */
  async applyStripeEvent(ctx: TenantContext, event: Stripe.Event): Promise<StripeEventOutcome> {
    const decision = decisionOf(event);
    if (!decision) return 'ignored';
    const intent = event.data.object as Stripe.PaymentIntent;
    // A failure is made final at Stripe first (see failAfterGivingUp); a repeated event finds it so.
    if (decision === 'failed') await this.gateways.abandon(ctx, 'stripe', intent.id);
    let settledOrder: string | undefined;
    const outcome = await this.unitOfWork.run(ctx, async (tx): Promise<StripeEventOutcome> => {
      const recorded = await tx.query<{ id: string }[]>('INSERT INTO stripe_webhook_events (id, type) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING id', [
        event.id,
        event.type,
      ]);
      if (recorded.length === 0) return 'duplicate';
      // The intent names its order (metadata written at creation); the order's payment must be that intent.
      const [payment] = await tx.query<{ order_id: string }[]>(
        "SELECT order_id FROM payments WHERE order_id = $1::uuid AND gateway_reference = $2 AND method = 'stripe'",
        [isOrderId(intent.metadata?.orderId) ? intent.metadata.orderId : null, intent.id],
      );
      if (!payment) return 'ignored';
      if (!(await this.decideIn(tx, payment.order_id, decision))) return 'ignored';
      settledOrder = payment.order_id;
      return 'applied';
    });
    if (settledOrder && decision === 'failed') await this.forgetGateStock(ctx, settledOrder);
    return outcome;
  }

  /**
   * Orders awaiting payment for longer than `askAfterSeconds` are asked about (a webhook may have
   * been lost); those still undecided after `abandonAfterSeconds` have their charge given up at
   * the gateway, so the stock they hold goes back to sale.
   */
  async settleStale(ctx: TenantContext, { askAfterSeconds, abandonAfterSeconds }: { askAfterSeconds: number; abandonAfterSeconds: number }): Promise<{ settled: number; failed: number }> {
    const stale = await this.unitOfWork.run(ctx, (tx) =>
      tx.query<{ id: string; abandon: boolean }[]>(
        `SELECT id, placed_at < now() - make_interval(secs => $2) AS abandon FROM orders
          WHERE status = 'awaiting_payment' AND placed_at < now() - make_interval(secs => $1) ORDER BY placed_at LIMIT 100`,
        [askAfterSeconds, abandonAfterSeconds],
      ),
    );
    let settled = 0;
    let failed = 0;
    for (const { id, abandon } of stale) {
      // One order the gateway cannot answer for (e.g. the store changed its keys) must not hold up the rest.
      try {
        let order = await this.refresh(ctx, id);
        if (order.status === 'awaiting_payment' && abandon && order.payment?.reference) order = await this.failAfterGivingUp(ctx, id, order.payment.method, order.payment.reference);
        if (order.status !== 'awaiting_payment') settled++;
      } catch (error) {
        failed++;
        this.logger?.warn({ err: error, orderId: id }, 'could not settle an order awaiting payment; next pass tries again');
      }
    }
    return { settled, failed };
  }

  private async decide(ctx: TenantContext, orderId: string, decision: Decision): Promise<OrderDetail> {
    const order = await this.unitOfWork.run(ctx, async (tx) => {
      await this.decideIn(tx, orderId, decision);
      return (await this.orders.findById(tx, orderId))!;
    });
    if (decision === 'failed') await this.flashGate?.forget(ctx, order.lines.map((line) => line.sku));
    return order;
  }

  /** True when this call settled the order; false when it was no longer awaiting payment. */
  private async decideIn(tx: TenantTransaction, orderId: string, decision: Decision): Promise<boolean> {
    const order = await this.orders.findById(tx, orderId, { lock: true });
    if (!order || order.status !== 'awaiting_payment' || !order.payment) return false;
    const lines = order.lines.map((line) => ({ sku: line.sku, quantity: line.quantity, unitAmount: line.unitPrice.amount }));
    if (decision === 'paid') {
      await this.orders.setPaymentStatus(tx, orderId, 'captured', 0);
      await this.orders.setStatus(tx, orderId, 'placed');
      await appendToOutbox(tx, orderPlacedEvent(tx.ctx, { orderId, number: order.number, customerId: order.customerId, total: order.total, lines }));
      return true;
    }
    // The payment never went through: the stock the order held goes back.
    await this.orders.setPaymentStatus(tx, orderId, 'failed', 0);
    await this.reservations.restock(tx, order.lines);
    await this.orders.setStatus(tx, orderId, 'cancelled');
    await appendToOutbox(tx, newDomainEvent(tx.ctx, 'order.cancelled', { orderId, number: order.number, from: 'awaiting_payment', reason: 'payment_failed', lines }));
    return true;
  }

  private async forgetGateStock(ctx: TenantContext, orderId: string): Promise<void> {
    if (!this.flashGate) return;
    const skus = await this.unitOfWork.run(ctx, (tx) => tx.query<{ sku: string }[]>('SELECT sku FROM order_lines WHERE order_id = $1', [orderId]));
    await this.flashGate.forget(ctx, skus.map((row) => row.sku));
  }
}

function decisionOf(event: Stripe.Event): Decision | undefined {
  switch (event.type) {
    case 'payment_intent.succeeded':
      return 'paid';
    case 'payment_intent.payment_failed':
    case 'payment_intent.canceled':
      return 'failed';
    default:
      return undefined;
  }
}
