import type { TotalsBreakdown } from '@storefront/contracts';
import type { TenantTransaction } from '@storefront/tenancy';
import { formatMoney } from '../templates/money-format';
import { escapeHtml, type TemplateFragment, type TemplateVariables } from '../templates/template-renderer';

export interface OrderLineFacts {
  readonly title: string;
  readonly sku: string;
  readonly quantity: number;
  readonly unitAmount: number;
  readonly lineAmount: number;
}

/** What order notifications show, read from the order itself (the event carries ids, not prose). */
export interface OrderFacts {
  readonly id: string;
  readonly number: number;
  readonly currency: string;
  readonly totalAmount: number;
  readonly refundedAmount: number;
  readonly customerId: string | null;
  readonly customerEmail: string | null;
  readonly phone: string | null;
  readonly lines: readonly OrderLineFacts[];
  /** The breakdown the order was charged by; null for orders older than tenant migration 0016. */
  readonly totals: TotalsBreakdown | null;
}

export async function loadOrderFacts(tx: TenantTransaction, orderId: string): Promise<OrderFacts | undefined> {
  const [order] = await tx.query<Record<string, unknown>[]>(
    `SELECT o.id, o.number, o.currency, o.total_amount, o.customer_id, coalesce(c.email, o.email) AS customer_email, o.totals,
            o.shipping_address->>'phone' AS phone,
            COALESCE((SELECT sum(refunded_amount) FROM payments p WHERE p.order_id = o.id), 0) AS refunded_amount
       FROM orders o LEFT JOIN customers c ON c.id = o.customer_id WHERE o.id = $1`,
    [orderId],
  );
  if (!order) return undefined;
  const lines = await tx.query<Record<string, unknown>[]>(
    'SELECT title, sku, quantity, unit_amount, line_amount FROM order_lines WHERE order_id = $1 ORDER BY line_no',
    [orderId],
  );
  return {
    id: String(order.id),
    number: Number(order.number),
    currency: String(order.currency).trim(),
    totalAmount: Number(order.total_amount),
    refundedAmount: Number(order.refunded_amount),
    customerId: (order.customer_id as string | null) ?? null,
    customerEmail: (order.customer_email as string | null) ?? null,
    phone: (order.phone as string | null) ?? null,
    totals: (order.totals as TotalsBreakdown | null) ?? null,
    lines: lines.map((line) => ({
      title: String(line.title),
      sku: String(line.sku),
      quantity: Number(line.quantity),
      unitAmount: Number(line.unit_amount),
      lineAmount: Number(line.line_amount),
    })),
  };
}

/** Template values of an order, with the lines as a table (HTML) and a list (text). */
export function orderVariables(order: OrderFacts): TemplateVariables {
  const money = (amount: number) => formatMoney(amount, order.currency);
  const items: TemplateFragment = {
    html:
      '<table role="presentation" cellpadding="4" style="border-collapse:collapse;width:100%" data-order-lines>' +
      order.lines
        .map(
          (line) =>
            `<tr><td>${escapeHtml(line.title)}</td><td>${escapeHtml(line.sku)}</td><td align="right">${line.quantity} × ${escapeHtml(money(line.unitAmount))}</td><td align="right">${escapeHtml(money(line.lineAmount))}</td></tr>`,
        )
        .join('') +
      '</table>',
    text: order.lines.map((line) => `${line.quantity} × ${line.title} (${line.sku})  ${money(line.lineAmount)}`).join('\n'),
  };
  return {
    'order.breakdown': breakdownOf(order, money),
    'order.id': order.id,
    'order.number': `#${order.number}`,
    'order.total': money(order.totalAmount),
    'order.refundTotal': money(order.refundedAmount),
    'order.items': items,
    'customer.email': order.customerEmail ?? '',
  };
}

/** Subtotal, each discount, shipping, each tax and total, as the order was charged (docs/adr/0061). */
function breakdownOf(order: OrderFacts, money: (amount: number) => string): TemplateFragment {
  const totals = order.totals;
  const rows: [string, string][] = totals
    ? [
        ['Subtotal', money(totals.subtotal)],
        ...totals.discounts.map((d): [string, string] => [d.source === 'code' ? `Code ${d.label}` : d.label, `-${money(d.amount)}`]),
        ...(totals.shipping ? [[`Shipping (${totals.shipping.name})`, money(totals.shipping.amount)] as [string, string]] : []),
        ...totals.taxes.map((t): [string, string] => [`${totals.pricesIncludeTax ? 'Including ' : ''}${t.label} (${t.ratePpm / 10_000}%)`, money(t.amount)]),
        ['Total', money(totals.total)],
      ]
    : [['Total', money(order.totalAmount)]];
  return {
    html:
      '<table role="presentation" cellpadding="4" style="border-collapse:collapse;width:100%" data-order-breakdown>' +
      rows.map(([label, amount]) => `<tr><td>${escapeHtml(label)}</td><td align="right">${escapeHtml(amount)}</td></tr>`).join('') +
      '</table>',
    text: rows.map(([label, amount]) => `${label}: ${amount}`).join('\n'),
  };
}
