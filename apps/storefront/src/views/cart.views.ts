import type { CartQuote, OrderDetail, PaymentMethod, StorePaymentOptions } from '@storefront/contracts';
import type { CartView, SavedAddress } from '@storefront/shopping';
import { formatMoney, html, type SafeHtml } from './html';
import { shippingChoices, totalsView } from './totals.views';

/** A line's price now: the quote's (a sale price, struck through regular price) or the cart's own. */
function unitPrice(line: CartView['lines'][number], quote: CartQuote | null, money: (amount: number) => string): SafeHtml {
  const quoted = quote?.totals.lines.find((candidate) => candidate.sku === line.sku);
  if (quoted?.regularUnitAmount !== undefined) return html`<s class="muted">${money(quoted.regularUnitAmount)}</s> <strong data-testid="sale-price">${money(quoted.unitAmount)}</strong>`;
  return html`${line.unitPrice === null ? '-' : money(line.unitPrice)}`;
}

export function cartView(cart: CartView, csrfToken: string, locale: string, message?: SafeHtml, quote: CartQuote | null = null): SafeHtml {
  if (cart.lines.length === 0) return html`<h1>Your cart</h1>${message ?? ''}<p data-testid="cart-empty">Your cart is empty.</p>`;
  const money = (amount: number): string => formatMoney(amount, cart.currency ?? 'USD', locale);
  const lineTotal = (line: CartView['lines'][number]): number => quote?.totals.lines.find((candidate) => candidate.sku === line.sku)?.subtotal ?? line.lineTotal;
  return html`<h1>Your cart</h1>${message ?? ''}
  <table>
    <thead><tr><th>Item</th><th>Price</th><th>Quantity</th><th>Total</th><th></th></tr></thead>
    <tbody>${cart.lines.map(
      (line) => html`<tr data-testid="cart-line">
        <td>${line.productTitle ?? line.sku} <span class="muted">${Object.values(line.options).join(' / ')}</span>
          ${!line.available ? html`<div class="error">No longer available in this quantity</div>` : ''}
          ${line.priceChanged && line.unitPrice !== null ? html`<div class="notice">Price changed from ${money(line.priceWhenAdded)} to ${money(line.unitPrice)}</div>` : ''}</td>
        <td>${unitPrice(line, quote, money)}</td>
        <td><form method="post" action="/cart/items/${line.id}">
          <input type="hidden" name="_csrf" value="${csrfToken}">
          <label class="inline" for="q-${line.id}">Quantity</label>
          <input id="q-${line.id}" name="quantity" type="number" min="0" value="${line.quantity}"> <button>Update</button></form></td>
        <td>${money(lineTotal(line))}</td>
        <td><form method="post" action="/cart/items/${line.id}/remove"><input type="hidden" name="_csrf" value="${csrfToken}"><button>Remove</button></form></td>
      </tr>`,
    )}</tbody>
  </table>
  ${quote ? totalsView(quote.totals, locale, { shippingLater: true }) : html`<p>Subtotal: <strong data-testid="subtotal">${money(cart.subtotal)}</strong></p>`}
  <p><a href="/checkout">Check out</a></p>`;
}

export interface CheckoutFormModel {
  readonly values: Readonly<Record<string, string>>;
  readonly errors: Readonly<Record<string, string>>;
  readonly message?: string;
  /** The totals for what the form holds now (address, method, code); null when checkout could not say. */
  readonly quote?: CartQuote | null;
  /** A guest gives an email for the receipt; a signed-in customer's account has one. */
  readonly signedIn?: boolean;
  /** A signed-in customer's address book, to pick from. */
  readonly savedAddresses?: readonly SavedAddress[];
}

/** One line for an address in a picker: "Ada Lovelace, Unter den Linden 1, 10117 Berlin, DE". */
function addressLine(address: SavedAddress['address']): string {
  return [address.name, address.line1, address.line2, `${address.postalCode} ${address.city}`, address.region, address.country].filter(Boolean).join(', ');
}

/**
 * Saved addresses to fill the form from (signed-in shoppers), in a form of its own: pressing
 * Enter in the checkout form must never replace what the shopper typed.
 */
function savedAddressPicker(form: CheckoutFormModel, csrfToken: string): SafeHtml {
  const saved = form.signedIn ? (form.savedAddresses ?? []) : [];
  if (saved.length === 0) return html``;
  return html`<form method="post" action="/checkout" aria-label="Saved addresses">
    <input type="hidden" name="_csrf" value="${csrfToken}">
    <label for="savedAddress">Saved addresses</label>
    <select id="savedAddress" name="savedAddress">${saved.map((entry) => html`<option value="${entry.id}">${addressLine(entry.address)}</option>`)}</select>
    <button name="intent" value="use-address">Use this address</button>
  </form>`;
}

/** Whether to keep the typed address in the account (signed-in shoppers; on unless they unticked it). */
function keepAddressChoice(form: CheckoutFormModel): SafeHtml {
  if (!form.signedIn) return html``;
  const keep = form.values.saveAddress !== undefined || form.values.name === undefined;
  return html`<label><input type="checkbox" name="saveAddress" value="1" ${keep ? 'checked' : ''}> Keep it in my account for next time</label>`;
}

const METHOD_LABELS: Record<PaymentMethod, string> = {
  stripe: 'Card',
  'test-card': 'Test card (test mode only)',
  'bank-transfer': 'Bank transfer',
  cod: 'Cash on delivery',
};

/** The store's methods as radio buttons; the test card with its token field, a transfer with its instructions. */
function paymentChoices(payment: StorePaymentOptions, form: CheckoutFormModel): SafeHtml {
  // Card payments through Stripe need Stripe.js on the page; until then this form offers the rest.
  const methods: PaymentMethod[] = payment.methods.filter((method) => method !== 'stripe');
  if (methods.length === 0) return html`<p class="error" role="alert">This store does not take orders online yet.</p>`;
  const chosen = methods.includes(form.values.paymentMethod as PaymentMethod) ? form.values.paymentMethod : methods[0];
  return html`${methods.map(
    (method) => html`<label><input type="radio" name="paymentMethod" value="${method}" ${method === chosen ? 'checked' : ''}> ${METHOD_LABELS[method]}</label>
      ${method === 'test-card' ? html`<label for="paymentToken">Test card token</label><input id="paymentToken" name="paymentToken" value="${form.values.paymentToken ?? 'tok_success'}">` : ''}
      ${method === 'bank-transfer' && payment.bankTransferInstructions ? html`<p class="muted" data-testid="bank-transfer-instructions">${payment.bankTransferInstructions}</p>` : ''}`,
  )}`;
}

export function checkoutView(cart: CartView, csrfToken: string, locale: string, form: CheckoutFormModel, idempotencyKey: string, payment: StorePaymentOptions): SafeHtml {
  const quote = form.quote ?? null;
  const field = (name: string, label: string, autocomplete: string): SafeHtml => html`
    <label for="${name}">${label}</label>
    <input id="${name}" name="${name}" autocomplete="${autocomplete}" value="${form.values[name] ?? ''}"
      ${form.errors[name] ? html`aria-invalid="true" aria-describedby="${name}-error"` : ''}>
    ${form.errors[name] ? html`<div class="error" id="${name}-error">${form.errors[name]}</div>` : ''}`;
  return html`<h1>Checkout</h1>
  <p>${cart.itemCount} items</p>
  ${quote ? totalsView(quote.totals, locale, { shippingLater: quote.totals.shipping === null && !form.values.country }) : html`<p>Subtotal <strong>${formatMoney(cart.subtotal, cart.currency ?? 'USD', locale)}</strong></p>`}
  ${form.message ? html`<p class="error" role="alert">${form.message}</p>` : ''}
  ${savedAddressPicker(form, csrfToken)}
  <form method="post" action="/checkout">
    <input type="hidden" name="_csrf" value="${csrfToken}">
    <input type="hidden" name="idempotencyKey" value="${idempotencyKey}">
    ${quote ? html`<input type="hidden" name="expectedTotal" value="${quote.totals.total} ${quote.totals.currency}">` : ''}
    <fieldset><legend>Shipping address</legend>
      ${field('name', 'Full name', 'name')}${field('line1', 'Address', 'address-line1')}${field('city', 'City', 'address-level2')}
      ${field('region', 'State or region (e.g. NY), if any', 'address-level1')}
      ${field('postalCode', 'Postal code', 'postal-code')}${field('country', 'Country code (e.g. DE)', 'country')}
      ${form.signedIn ? '' : field('email', 'Email for your receipt', 'email')}
      ${keepAddressChoice(form)}
    </fieldset>
    ${quote ? shippingChoices(quote, cart.currency ?? 'USD', locale, form.values.shippingMethodId, form.errors.shippingMethodId) : ''}
    <fieldset><legend>Discount</legend>${field('discountCode', 'Discount code', 'off')}</fieldset>
    <button name="intent" value="quote" formnovalidate>Update totals</button>
    <fieldset><legend>Payment</legend>
      ${paymentChoices(payment, form)}
    </fieldset>
    <button name="intent" value="place">Place order</button>
  </form>`;
}

/** What the shopper is told about the payment of their order, in their words. */
function paymentState(order: OrderDetail, payment: StorePaymentOptions): SafeHtml {
  const status = order.payment?.status;
  if (order.status === 'awaiting_payment') return html`<p data-testid="payment-state" data-state="pending">Waiting for your bank to confirm the payment. This page shows the result once it has.</p>`;
  if (status === 'failed') return html`<p class="error" data-testid="payment-state" data-state="failed">The payment did not go through, so nothing was charged and the order was cancelled. You can place it again.</p>`;
  if (status === 'pending' && order.payment?.method === 'bank-transfer') {
    return html`<p data-testid="payment-state" data-state="pending">Awaiting your bank transfer.</p>${payment.bankTransferInstructions ? html`<p class="muted">${payment.bankTransferInstructions}</p>` : ''}`;
  }
  if (status === 'pending') return html`<p data-testid="payment-state" data-state="pending">You pay on delivery.</p>`;
  if (status === 'captured') return html`<p data-testid="payment-state" data-state="paid">Paid.</p>`;
  return html``;
}

export function confirmationView(order: OrderDetail, locale: string, payment: StorePaymentOptions): SafeHtml {
  const thanks = order.status === 'awaiting_payment' || order.payment?.status === 'failed' ? `Order ${order.number}` : 'Thank you!';
  return html`<h1>${thanks}</h1>
  <p data-testid="order-confirmation">Order <strong>${order.id}</strong> is ${order.status.replace('_', ' ')}.</p>
  ${paymentState(order, payment)}
  ${order.totals ? totalsView(order.totals, locale) : html`<p>Total ${formatMoney(order.total.amount, order.total.currency, locale)}</p>`}
  <p><a href="/account">Your orders</a></p>`;
}
