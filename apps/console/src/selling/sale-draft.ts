import type { SaleView } from '@storefront/contracts';
import type { VariantChoice } from './selling-context';
import { countText, DraftReader, moneyText, scheduleDraftOf, type Converted, type ScheduleDraft } from './selling-draft';

/** A sale price as typed: the variant by its SKU, the price, and how many may sell at it. */
export interface SalePriceDraft {
  readonly sku: string;
  readonly saleAmount: string;
  /** Empty: no cap, the variant's whole stock. */
  readonly stockCap: string;
}

export interface SaleDraft extends ScheduleDraft {
  readonly name: string;
  readonly perCustomerLimit: string;
  readonly prices: readonly SalePriceDraft[];
}

export const NEW_SALE_PRICE: SalePriceDraft = { sku: '', saleAmount: '', stockCap: '' };
export const EMPTY_SALE: SaleDraft = { name: '', startsAt: '', endsAt: '', perCustomerLimit: '', prices: [NEW_SALE_PRICE] };

export function saleDraftOf(sale: SaleView, currency: string): SaleDraft {
  return {
    name: sale.name,
    ...scheduleDraftOf(sale),
    perCustomerLimit: countText(sale.perCustomerLimit),
    prices: sale.prices.map((price) => ({ sku: price.sku, saleAmount: moneyText(price.saleAmount, currency), stockCap: countText(price.stockCap) })),
  };
}

/** The store's variant with this SKU, as the merchant typed it (SKUs are compared case-insensitively). */
export function variantBySku(variants: readonly VariantChoice[], sku: string): VariantChoice | undefined {
  const wanted = sku.trim().toUpperCase();
  return variants.find((variant) => variant.sku.toUpperCase() === wanted);
}

/** The PUT/POST body: each SKU becomes its variant's id; one the store has not is refused under its row. */
export function saleBodyOf(draft: SaleDraft, currency: string, variants: readonly VariantChoice[]): Converted<unknown> {
  const read = new DraftReader(currency);
  const prices = draft.prices.map((price, index) => {
    const variant = variantBySku(variants, price.sku);
    if (!variant) read.problems.push({ field: `prices.${index}.variantId`, message: price.sku.trim() ? `no variant of this store has SKU ${price.sku.trim()}` : 'needs a SKU' });
    return { variantId: variant?.variantId ?? '', saleAmount: read.money(price.saleAmount, `prices.${index}.saleAmount`), stockCap: read.wholeOrNull(price.stockCap, `prices.${index}.stockCap`) };
  });
  return read.done({
    name: draft.name,
    startsAt: read.instant(draft.startsAt, 'startsAt'),
    endsAt: read.instant(draft.endsAt, 'endsAt'),
    perCustomerLimit: read.wholeOrNull(draft.perCustomerLimit, 'perCustomerLimit'),
    prices,
  });
}
