import type { TenantContext } from '@storefront/contracts';
import { appendToOutbox, newDomainEvent } from '@storefront/outbox';
import type { TenantTransaction, TenantUnitOfWork } from '@storefront/tenancy';
import { isPostgresError, PostgresErrorCode } from '@storefront/database';
import { CheckoutError, InvalidOrderError, OrderNotFoundError, OrderStateError, PaymentTimeoutError, RefundPendingError } from '../checkout-errors';
import type { PaymentGateways } from '../payments/payment-gateways';
import type { FlashSaleGate } from '../stock/flash-sale.gate';
import { StockReservations } from '../stock/stock-reservations';
import { OrderRepository, type Order, type OrderDetail, type OrdersSummary, type OrderStatus } from './order.repository';

/**
 * What a merchant does with an order after it was placed: fulfil, cancel (stock returns, money
 * goes back), refund. Each change locks the order row and writes its event in the same
 * transaction; a gateway call happens between two such transactions, never inside one.
 */
export class OrderLifecycleService {
  private readonly orders = new OrderRepository();
  private readonly reservations = new StockReservations();

  constructor(
    private readonly unitOfWork: TenantUnitOfWork,
    private readonly gateways: PaymentGateways,
    private readonly flashGate?: FlashSaleGate,
  ) {}

  getOrder(ctx: TenantContext, orderId: string): Promise<OrderDetail> {
    return this.unitOfWork.run(ctx, async (tx) => {
      const order = await this.orders.findById(tx, orderId);
      if (!order) throw new OrderNotFoundError(orderId);
      return order;
    });
  }

  listOrders(ctx: TenantContext, filter: { customerId?: string; status?: OrderStatus; limit?: number; offset?: number } = {}): Promise<Order[]> {
    return this.unitOfWork.run(ctx, (tx) =>
      this.orders.list(tx, { ...filter, limit: Math.min(filter.limit ?? 50, 200), offset: filter.offset ?? 0 }),
    );
  }

  /** One page of orders and how many match the filter in all (in one transaction, so they agree). */
  pageOfOrders(
    ctx: TenantContext,
    filter: { customerId?: string; status?: OrderStatus; limit?: number; offset?: number } = {},
  ): Promise<{ items: Order[]; total: number }> {
    return this.unitOfWork.run(ctx, async (tx) => ({
      items: await this.orders.list(tx, { ...filter, limit: Math.min(filter.limit ?? 50, 200), offset: filter.offset ?? 0 }),
      total: await this.orders.count(tx, filter),
    }));
  }

  /** Today's orders and revenue, "today" being the calendar day in `timeZone` (IANA name) at `at` (now). */
  async summaryOfToday(ctx: TenantContext, timeZone: string, at?: Date): Promise<OrdersSummary> {
    try {
      return await this.unitOfWork.run(ctx, (tx) => this.orders.summaryOfToday(tx, timeZone, at));
    } catch (error) {
      // A zone the validator let through that PostgreSQL does not know.
      if (isPostgresError(error, PostgresErrorCode.invalidParameterValue)) throw new InvalidOrderError('unknown time zone', [{ field: 'timeZone', message: 'is not a time zone PostgreSQL knows' }]);
      throw error;
    }
  }

  fulfil(ctx: TenantContext, orderId: string): Promise<OrderDetail> {
    return this.transition(ctx, orderId, ['placed'], 'fulfilled', async (_tx, current) => {
      if (current.payment?.refundPendingFor === 'cancelled') throw new OrderStateError(`order ${orderId} is being cancelled`);
    });
  }

  /** Cancels a placed order: the money goes back through its gateway and the stock returns. */
  async cancel(ctx: TenantContext, orderId: string): Promise<OrderDetail> {
    const order = await this.settle(ctx, orderId, ['placed'], 'cancelled', (tx, current) => this.reservations.restock(tx, current.lines));
    // Flash-sale gates hold a copy of the stock: drop it so the next buyer reloads it.
    await this.flashGate?.forget(ctx, order.lines.map((line) => line.sku));
    return order;
  }

  /** Refunds what was captured; the goods may be with the shopper, so stock stays as it is. */
  refund(ctx: TenantContext, orderId: string): Promise<OrderDetail> {
    return this.settle(ctx, orderId, ['placed', 'fulfilled'], 'refunded', async () => undefined);
  }

  /**
   * A change that gives money back, in three steps so no row lock waits on a gateway:
   *  1. under the order's lock, check the change and record `refund_pending` (durably: a crash
   *     or a timeout after this leaves a trace, and the same call again resumes it);
   *  2. ask the gateway, bounded by its timeout, with a key per order and change, so asking
   *     twice refunds once;
   *  3. under the lock again, record the refund and make the change.
   */
  private async settle(
    ctx: TenantContext,
    orderId: string,
    from: readonly OrderStatus[],
    to: 'cancelled' | 'refunded',
    effect: (tx: TenantTransaction, order: Order) => Promise<void>,
  ): Promise<OrderDetail> {
    const refundDue = await this.unitOfWork.run(ctx, async (tx) => {
      const order = await this.lockedOrder(tx, orderId);
      const payment = order.payment;
      if (payment?.status === 'refund_pending') {
        if (payment.refundPendingFor !== to) throw new OrderStateError(`order ${orderId} is being ${payment.refundPendingFor}; it cannot become ${to}`);
        return order; // resuming a change whose gateway call did not finish
      }
      assertTransition(order, from, to);
      if (to === 'refunded' && payment?.status !== 'captured') throw new OrderStateError(`order ${orderId} has no captured payment to refund`);
      if (payment?.status !== 'captured') return undefined;
      await this.orders.markRefundPending(tx, orderId, to);
      return order;
    });

    const payment = refundDue?.payment;
    if (payment) {
      try {
        await this.gateways.refund(ctx, payment.method, {
          reference: payment.reference ?? '',
          amount: payment.amount.amount - payment.refunded.amount,
          currency: payment.amount.currency,
          idempotencyKey: `${to === 'cancelled' ? 'cancel' : 'refund'}-${orderId}`,
        });
      } catch (error) {
        // A timeout included: the gateway may have refunded or not, and the key makes asking again safe.
        if (error instanceof CheckoutError && !(error instanceof PaymentTimeoutError)) throw error;
        throw new RefundPendingError(orderId, error);
      }
    }

    return this.transition(ctx, orderId, from, to, async (tx, current) => {
      if (current.payment?.status === 'refund_pending') await this.orders.setPaymentStatus(tx, orderId, 'refunded', current.payment.amount.amount);
      else if (current.payment?.status === 'pending') await this.orders.setPaymentStatus(tx, orderId, 'voided', 0);
      await effect(tx, current);
    });
  }

  private async lockedOrder(tx: TenantTransaction, orderId: string): Promise<Order> {
    const order = await this.orders.findById(tx, orderId, { lock: true });
    if (!order) throw new OrderNotFoundError(orderId);
    return order;
  }

  private async transition(
    ctx: TenantContext,
    orderId: string,
    from: readonly OrderStatus[],
    to: OrderStatus,
    effect: (tx: TenantTransaction, order: Order) => Promise<void>,
  ): Promise<OrderDetail> {
    return this.unitOfWork.run(ctx, async (tx) => {
      const order = await this.lockedOrder(tx, orderId);
      assertTransition(order, from, to);
      await effect(tx, order);
      await this.orders.setStatus(tx, orderId, to);
      // The lines travel along: a cancellation gives their stock back, which search reflects.
      const lines = order.lines.map((line) => ({ sku: line.sku, quantity: line.quantity }));
      await appendToOutbox(tx, newDomainEvent(ctx, `order.${to}`, { orderId, number: order.number, from: order.status, lines }));
      return (await this.orders.findById(tx, orderId))!;
    });
  }
}

function assertTransition(order: Order, from: readonly OrderStatus[], to: OrderStatus): void {
  if (!from.includes(order.status)) throw new OrderStateError(`order ${order.id} is ${order.status}; it cannot become ${to}`);
}
