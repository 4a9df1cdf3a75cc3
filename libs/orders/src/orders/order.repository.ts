import type { Order, OrderDetail, OrdersSummary, OrderStatus, OrderStatusChange, PaymentStatus, ShippingAddress } from '@storefront/contracts';
import { ORDER_STATUSES } from '@storefront/contracts';
import type { TenantTransaction } from '@storefront/tenancy';
import { toAmount, type Money } from '../money';
import type { TotalsBreakdown } from '@storefront/contracts';
import type { PricedCart } from '../place-order/line-pricer';

// Orders leave the checkout shards in these shapes (platform API and console read the same types).
export type { Order, OrderDetail, OrderLine, OrderPayment, OrdersSummary, OrderStatus, OrderStatusChange, PaymentStatus } from '@storefront/contracts';

export interface OrderListFilter {
  readonly customerId?: string;
  readonly status?: OrderStatus;
  readonly limit: number;
  readonly offset: number;
}

export interface NewOrder {
  readonly id: string;
  /** `awaiting_payment` while the shopper still has to confirm the payment. */
  readonly status: 'placed' | 'awaiting_payment';
  readonly customerId: string | null;
  readonly cart: PricedCart;
  readonly totals: TotalsBreakdown;
  readonly shippingAddress: ShippingAddress;
  /** A guest's email; null for a signed-in customer (their account has it). */
  readonly email: string | null;
  readonly discountCode: string | null;
  readonly paymentMethod: string;
  readonly paymentStatus: PaymentStatus;
  readonly paymentReference: string;
  readonly idempotencyKey: string | null;
  /** The payment attempt this order settles: marked `placed` by the same statement. */
  readonly paymentAttemptId?: string;
  /** The stock reservation the order turns into sold stock: deleted by the same statement. */
  readonly reservationId?: string;
}

interface OrderRow {
  id: string;
  number: string;
  status: OrderStatus;
  customer_id: string | null;
  currency: string;
  subtotal_amount: string;
  discount_amount: string;
  shipping_amount: string;
  tax_amount: string;
  total_amount: string;
  totals: TotalsBreakdown | null;
  email: string | null;
  shipping_address: ShippingAddress;
  placed_at: Date;
  customer_email: string | null;
  lines: { variant_id: string; sku: string; title: string; quantity: number; unit_amount: number; line_amount: number }[];
  payment: {
    method: string;
    status: PaymentStatus;
    amount: number;
    refunded_amount: number;
    gateway_reference: string | null;
    refund_for: 'cancelled' | 'refunded' | null;
  } | null;
}

const ORDER_SELECT = `
  SELECT o.id, o.number, o.status, o.customer_id, o.currency, o.subtotal_amount, o.discount_amount, o.shipping_amount, o.tax_amount, o.total_amount,
         o.totals, o.email, o.shipping_address, o.placed_at,
         (SELECT c.email FROM customers c WHERE c.id = o.customer_id) AS customer_email,
         (SELECT coalesce(json_agg(json_build_object('variant_id', l.variant_id, 'sku', l.sku, 'title', l.title, 'quantity', l.quantity,
                  'unit_amount', l.unit_amount, 'line_amount', l.line_amount) ORDER BY l.line_no), '[]') FROM order_lines l WHERE l.order_id = o.id) AS lines,
         (SELECT json_build_object('method', p.method, 'status', p.status, 'amount', p.amount, 'refunded_amount', p.refunded_amount,
                  'gateway_reference', p.gateway_reference, 'refund_for', p.refund_for) FROM payments p WHERE p.order_id = o.id ORDER BY p.created_at LIMIT 1) AS payment
    FROM orders o`;

/** Orders with their lines and payment, read and written inside a tenant transaction. */
export class OrderRepository {
  /**
   * Order, lines, payment, its attempt marked placed and its stock reservation consumed, in one
   * statement (one round trip on the hot path). `attemptPlaced` is false when the attempt was no
   * longer open (resolved meanwhile), `reservationConsumed` when the reservation had expired and
   * its stock gone back (the caller takes the stock again).
   */
  async insert(tx: TenantTransaction, order: NewOrder): Promise<{ number: number; attemptPlaced: boolean; reservationConsumed: boolean }> {
    const { cart, totals } = order;
    const [row] = await tx.query<{ number: string; attempts_placed: number; reservations_consumed: number }[]>(
      `WITH o AS (
         INSERT INTO orders (id, status, customer_id, currency, subtotal_amount, total_amount, shipping_address, payment_method, idempotency_key,
                             discount_amount, shipping_amount, tax_amount, shipping_method, discount_code, email, totals)
         VALUES ($1, $18, $2, $3, $4, $5, $6, $7, $8, $21, $22, $23, $24, $25, $26, $27) RETURNING id, number
       ), l AS (
         INSERT INTO order_lines (order_id, line_no, variant_id, sku, title, quantity, unit_amount, line_amount)
         SELECT o.id, x.line_no, x.variant_id, x.sku, x.title, x.quantity, x.unit_amount, x.line_amount
           FROM o, unnest($9::int[], $10::uuid[], $11::text[], $12::text[], $13::int[], $14::bigint[], $15::bigint[])
                AS x(line_no, variant_id, sku, title, quantity, unit_amount, line_amount)
       ), p AS (
         INSERT INTO payments (order_id, method, status, amount, currency, gateway_reference)
         SELECT o.id, $7, $16, $5, $3, $17 FROM o
       ), a AS (
         UPDATE payment_attempts SET status = 'placed', order_id = o.id, gateway_reference = $17, updated_at = now()
           FROM o WHERE payment_attempts.id = $19::uuid AND payment_attempts.status = 'started' RETURNING payment_attempts.id
       ), r AS (
         DELETE FROM stock_reservations WHERE id = $20::uuid RETURNING id
       )
       SELECT number, (SELECT count(*) FROM a)::int AS attempts_placed, (SELECT count(*) FROM r)::int AS reservations_consumed FROM o`,
      [
        order.id,
        order.customerId,
        cart.currency,
        totals.subtotal,
        totals.total,
        JSON.stringify(order.shippingAddress),
        order.paymentMethod,
        order.idempotencyKey,
        cart.lines.map((line) => line.lineNo),
        cart.lines.map((line) => line.variantId),
        cart.lines.map((line) => line.sku),
        cart.lines.map((line) => line.title),
        cart.lines.map((line) => line.quantity),
        cart.lines.map((line) => line.unitAmount),
        cart.lines.map((line) => line.lineAmount),
        order.paymentStatus,
        order.paymentReference,
        order.status,
        order.paymentAttemptId ?? null,
        order.reservationId ?? null,
        totals.discountTotal,
        // Gross shipping: a free-shipping code is in discount_amount, so the columns add up to the total.
        totals.shipping?.amount ?? 0,
        totals.taxTotal,
        totals.shipping?.name ?? null,
        order.discountCode,
        order.email,
        JSON.stringify(totals),
      ],
    );
    return { number: Number(row!.number), attemptPlaced: row!.attempts_placed > 0, reservationConsumed: row!.reservations_consumed > 0 };
  }

  /** The order with its history (status changes, oldest first). */
  async findById(tx: TenantTransaction, orderId: string, options: { lock?: boolean } = {}): Promise<OrderDetail | undefined> {
    if (!isOrderId(orderId)) return undefined;
    if (options.lock) await tx.query('SELECT 1 FROM orders WHERE id = $1 FOR UPDATE', [orderId]);
    const [row] = await tx.query<OrderRow[]>(`${ORDER_SELECT} WHERE o.id = $1`, [orderId]);
    if (!row) return undefined;
    const changes = await tx.query<{ from_status: OrderStatus; to_status: OrderStatus; changed_at: Date }[]>(
      'SELECT from_status, to_status, changed_at FROM order_status_changes WHERE order_id = $1 ORDER BY id',
      [orderId],
    );
    const order = toOrder(row);
    // Placing is not a change of status: the order row itself says when it happened, and the
    // first change says what it was then (placed, or awaiting a payment the shopper confirms).
    const history: OrderStatusChange[] = [
      { from: null, to: changes[0]?.from_status ?? order.status, at: order.placedAt },
      ...changes.map((c) => ({ from: c.from_status, to: c.to_status, at: c.changed_at.toISOString() })),
    ];
    return { ...order, history };
  }

  /** Newest first; `customerId` narrows to one shopper's purchase history, `status` to one state. */
  async list(tx: TenantTransaction, filter: OrderListFilter): Promise<Order[]> {
    const rows = await tx.query<OrderRow[]>(
      `${ORDER_SELECT} WHERE ($1::uuid IS NULL OR o.customer_id = $1) AND ($2::text IS NULL OR o.status = $2)
        ORDER BY o.placed_at DESC, o.number DESC LIMIT $3 OFFSET $4`,
      [filter.customerId ?? null, filter.status ?? null, filter.limit, filter.offset],
    );
    return rows.map(toOrder);
  }

  async count(tx: TenantTransaction, filter: Omit<OrderListFilter, 'limit' | 'offset'>): Promise<number> {
    const [row] = await tx.query<{ n: number }[]>(
      'SELECT count(*)::int AS n FROM orders o WHERE ($1::uuid IS NULL OR o.customer_id = $1) AND ($2::text IS NULL OR o.status = $2)',
      [filter.customerId ?? null, filter.status ?? null],
    );
    return row!.n;
  }

  /**
   * Orders placed on today's calendar day in `timeZone` (an IANA name PostgreSQL knows): the
   * bounds are local midnights turned into instants, so a 23- or 25-hour day is one day. Revenue
   * is summed per currency over orders that still stand (placed or fulfilled).
   */
  async summaryOfToday(tx: TenantTransaction, timeZone: string, at?: Date): Promise<OrdersSummary> {
    const [day] = await tx.query<{ date: string; from_at: Date; to_at: Date }[]>(
      `SELECT to_char(local_day, 'YYYY-MM-DD') AS date, local_day AT TIME ZONE $1 AS from_at, (local_day + interval '1 day') AT TIME ZONE $1 AS to_at
         FROM (SELECT date_trunc('day', coalesce($2::timestamptz, now()) AT TIME ZONE $1) AS local_day) d`,
      [timeZone, at ?? null],
    );
    const rows = await tx.query<{ status: OrderStatus; currency: string; orders: number; amount: string }[]>(
      `SELECT status, currency, count(*)::int AS orders, sum(total_amount) AS amount FROM orders
        WHERE placed_at >= $1 AND placed_at < $2 GROUP BY status, currency ORDER BY currency`,
      [day!.from_at, day!.to_at],
    );
    const byStatus = Object.fromEntries(ORDER_STATUSES.map((status) => [status, 0])) as Record<OrderStatus, number>;
    const revenue = new Map<string, number>();
    for (const row of rows) {
      byStatus[row.status] += row.orders;
      if (row.status === 'placed' || row.status === 'fulfilled') revenue.set(row.currency, (revenue.get(row.currency) ?? 0) + toAmount(row.amount));
    }
    return {
      timeZone,
      date: day!.date,
      from: day!.from_at.toISOString(),
      to: day!.to_at.toISOString(),
      orders: rows.reduce((sum, row) => sum + row.orders, 0),
      byStatus,
      revenue: [...revenue].map(([currency, amount]): Money => ({ amount, currency })),
    };
  }

  /** Changes the status; the order's history records it (trigger of tenant migration 0008, same transaction). */
  async setStatus(tx: TenantTransaction, orderId: string, to: OrderStatus): Promise<void> {
    await tx.query('UPDATE orders SET status = $2, updated_at = now() WHERE id = $1', [orderId, to]);
  }

  /** Records that the gateway is being asked to give the money back, before it is asked. */
  async markRefundPending(tx: TenantTransaction, orderId: string, refundFor: 'cancelled' | 'refunded'): Promise<void> {
    await tx.query(`UPDATE payments SET status = 'refund_pending', refund_for = $2, updated_at = now() WHERE order_id = $1`, [orderId, refundFor]);
  }

  async setPaymentStatus(tx: TenantTransaction, orderId: string, status: PaymentStatus, refundedAmount: number): Promise<void> {
    await tx.query('UPDATE payments SET status = $2, refunded_amount = $3, refund_for = NULL, updated_at = now() WHERE order_id = $1', [
      orderId,
      status,
      refundedAmount,
    ]);
  }
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether `value` can name an order at all (anything else names none, and must not reach SQL as a uuid). */
export function isOrderId(value: string | undefined): value is string {
  return value !== undefined && UUID.test(value);
}

function toOrder(row: OrderRow): Order {
  const money = (amount: string | number): Money => ({ amount: toAmount(amount), currency: row.currency });
  return {
    id: row.id,
    number: Number(row.number),
    status: row.status,
    customerId: row.customer_id,
    customerEmail: row.customer_email,
    email: row.customer_email ?? row.email,
    subtotal: money(row.subtotal_amount),
    discount: money(row.discount_amount),
    shipping: money(row.shipping_amount),
    tax: money(row.tax_amount),
    total: money(row.total_amount),
    totals: row.totals,
    shippingAddress: row.shipping_address,
    lines: row.lines.map((line) => ({
      variantId: line.variant_id,
      sku: line.sku,
      title: line.title,
      quantity: line.quantity,
      unitPrice: money(line.unit_amount),
      total: money(line.line_amount),
    })),
    payment: row.payment
      ? {
          method: row.payment.method,
          status: row.payment.status,
          amount: money(row.payment.amount),
          refunded: money(row.payment.refunded_amount),
          reference: row.payment.gateway_reference,
          ...(row.payment.refund_for ? { refundPendingFor: row.payment.refund_for } : {}),
        }
      : null,
    placedAt: row.placed_at.toISOString(),
  };
}
