import { orderVariables, type OrderFacts } from './order-facts';

const order: OrderFacts = {
  id: 'o1',
  number: 7,
  currency: 'USD',
  totalAmount: 3_263,
  refundedAmount: 0,
  customerId: null,
  customerEmail: 'grace@example.com',
  phone: null,
  lines: [{ title: 'Mug', sku: 'MUG', quantity: 3, unitAmount: 999, lineAmount: 2_997 }],
  totals: {
    currency: 'USD',
    pricesIncludeTax: false,
    subtotal: 2_997,
    discounts: [{ source: 'code', id: 'c', label: 'SHIPFREE', amount: 595 }],
    discountTotal: 595,
    shipping: { methodId: 'm', name: 'Ground', amount: 595 },
    taxes: [{ label: 'NY sales tax', ratePpm: 88_750, amount: 266 }],
    taxTotal: 266,
    total: 3_263,
    lines: [{ sku: 'MUG', quantity: 3, unitAmount: 999, subtotal: 2_997, discount: 0, tax: 266 }],
  },
};

describe('order email values', () => {
  it('carry the breakdown the order was charged by: each discount, shipping, each tax, total', () => {
    const breakdown = orderVariables(order)['order.breakdown'] as { html: string; text: string };
    expect(breakdown.text.split('\n')).toEqual(['Subtotal: $29.97', 'Code SHIPFREE: -$5.95', 'Shipping (Ground): $5.95', 'NY sales tax (8.875%): $2.66', 'Total: $32.63']);
    expect(breakdown.html).toContain('<td>NY sales tax (8.875%)</td><td align="right">$2.66</td>');
  });

  it('shows only the total for an order from before the breakdown', () => {
    expect((orderVariables({ ...order, totals: null })['order.breakdown'] as { text: string }).text).toBe('Total: $32.63');
  });
});
