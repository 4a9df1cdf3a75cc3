import type { Order } from '@storefront/contracts';
import { actionsFor, customerOf, itemCount } from './order-labels';

const eur = (amount: number) => ({ amount, currency: 'EUR' });
const order = (overrides: Partial<Order>): Order => ({
  id: '00000000-0000-4000-8000-000000000001',
  number: 1001,
  status: 'placed',
  customerId: null,
  customerEmail: null,
  email: null,
  subtotal: eur(2_000),
  discount: eur(0),
  shipping: eur(0),
  tax: eur(0),
  total: eur(2_000),
  totals: null,
  shippingAddress: { name: 'Ada Buyer', line1: '1 Street', city: 'London', postalCode: 'N1 1AA', country: 'GB' },
  lines: [
    { variantId: 'v1', sku: 'A', title: 'Tee', quantity: 2, unitPrice: eur(500), total: eur(1_000) },
    { variantId: 'v2', sku: 'B', title: 'Cap', quantity: 1, unitPrice: eur(1_000), total: eur(1_000) },
  ],
  payment: { method: 'test-card', status: 'captured', amount: eur(2_000), refunded: eur(0), reference: 'ch_1' },
  placedAt: '2025-01-01T10:00:00.000Z',
  ...overrides,
});

describe('what the console offers for an order', () => {
  it('offers fulfil and cancel on a placed order, and refund only where money was captured', () => {
    expect(actionsFor(order({}))).toEqual(['fulfil', 'cancel', 'refund']);
    expect(actionsFor(order({ payment: { method: 'cod', status: 'pending', amount: eur(2_000), refunded: eur(0), reference: null } }))).toEqual(['fulfil', 'cancel']);
    expect(actionsFor(order({ status: 'fulfilled' }))).toEqual(['refund']);
    expect(actionsFor(order({ status: 'refunded', payment: { method: 'test-card', status: 'refunded', amount: eur(2_000), refunded: eur(2_000), reference: 'ch_1' } }))).toEqual([]);
    expect(actionsFor(order({ status: 'cancelled' }))).toEqual([]);
  });

  it("names the customer by account email, else the parcel's name as a guest; counts items", () => {
    expect(customerOf(order({ customerEmail: 'ada@example.com' }))).toBe('ada@example.com');
    expect(customerOf(order({}))).toBe('Ada Buyer (guest)');
    expect(itemCount(order({}))).toBe(3);
  });
});
