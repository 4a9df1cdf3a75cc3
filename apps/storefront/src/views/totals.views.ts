import type { CartQuote, TotalsBreakdown } from '@storefront/contracts';
import { formatMoney, html, type SafeHtml } from './html';

/** Parts per million as a percentage for people: 190 000 -> "19%", 88 750 -> "8.875%". */
function percentOf(ratePpm: number): string {
  return `${(ratePpm / 10_000).toLocaleString('en', { maximumFractionDigits: 4 })}%`;
}

/**
 * The one breakdown (docs/adr/0061) as a table: subtotal, each discount, shipping, each tax, total.
 * `shippingLater` says shipping and tax follow at checkout (a cart without an address yet).
 */
export function totalsView(totals: TotalsBreakdown, locale: string, options: { shippingLater?: boolean } = {}): SafeHtml {
  const money = (amount: number): string => formatMoney(amount, totals.currency, locale);
  const included = totals.pricesIncludeTax;
  return html`<table class="totals" data-testid="totals">
    <tr><th scope="row">Subtotal</th><td data-testid="subtotal">${money(totals.subtotal)}</td></tr>
    ${totals.discounts.map((discount) => html`<tr data-testid="discount"><th scope="row">${discount.source === 'code' ? `Code ${discount.label}` : discount.label}</th><td>−${money(discount.amount)}</td></tr>`)}
    ${totals.shipping
      ? html`<tr data-testid="shipping"><th scope="row">Shipping (${totals.shipping.name})</th><td>${totals.shipping.amount === 0 ? 'Free' : money(totals.shipping.amount)}</td></tr>`
      : options.shippingLater
        ? html`<tr><th scope="row">Shipping</th><td class="muted">calculated at checkout</td></tr>`
        : ''}
    ${totals.taxes.map((tax) => html`<tr data-testid="tax"><th scope="row">${included ? 'Including ' : ''}${tax.label} (${percentOf(tax.ratePpm)})</th><td>${money(tax.amount)}</td></tr>`)}
    <tr class="total"><th scope="row">Total</th><td><strong data-testid="total">${money(totals.total)}</strong></td></tr>
  </table>`;
}

/** The shipping methods of a quote as radio buttons; the first (cheapest) is chosen unless the shopper chose. */
export function shippingChoices(quote: CartQuote, currency: string, locale: string, chosen: string | undefined, error?: string): SafeHtml {
  if (quote.shippingMethods.length === 0) return error ? html`<p class="error" id="shippingMethodId-error">${error}</p>` : html``;
  const selected = quote.shippingMethods.some((m) => m.methodId === chosen) ? chosen : (quote.totals.shipping?.methodId ?? quote.shippingMethods[0]!.methodId);
  return html`<fieldset><legend>Shipping method</legend>${quote.shippingMethods.map(
    (method) => html`<label><input type="radio" name="shippingMethodId" value="${method.methodId}" ${method.methodId === selected ? 'checked' : ''}> ${method.name}: ${method.amount === 0 ? 'Free' : formatMoney(method.amount, currency, locale)}</label>`,
  )}${error ? html`<div class="error" id="shippingMethodId-error">${error}</div>` : ''}</fieldset>`;
}
