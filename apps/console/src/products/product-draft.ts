import type { FieldError } from '@storefront/contracts';
import type { ProductStatus, ProductView } from '../api/wire-types';
import { minorToText, parseMoney } from '../ui/format';
import { usableOptions, type OptionDraft, type VariantRow } from './variant-grid';

/** The product form's state: text as typed, turned into API bodies only on save. */
export interface ProductDraft {
  readonly title: string;
  readonly description: string;
  readonly price: string;
  readonly status: ProductStatus;
  readonly images: readonly string[];
  readonly categoryIds: readonly string[];
  readonly options: readonly OptionDraft[];
  readonly rows: readonly VariantRow[];
}

export const EMPTY_DRAFT: ProductDraft = {
  title: '',
  description: '',
  price: '',
  status: 'active',
  images: [],
  categoryIds: [],
  options: [],
  rows: [],
};

export function draftOf(product: ProductView): ProductDraft {
  const currency = product.price.currency;
  return {
    title: product.title,
    description: product.description,
    price: minorToText(product.price.amount, currency),
    status: product.status,
    images: [...product.images],
    categoryIds: [...product.categoryIds],
    options: product.options.map((o) => ({ name: o.name, values: o.values.join(', ') })),
    rows: product.variants.map((v) => ({ options: v.options, sku: v.sku, price: v.price ? minorToText(v.price.amount, currency) : '', stock: String(v.stock) })),
  };
}

interface Converted<T> {
  readonly body: T;
  /** Input the browser can tell is not a number; reported in the API's shape, next to the field. */
  readonly problems: FieldError[];
}

function money(text: string, currency: string, field: string, problems: FieldError[]) {
  const amount = parseMoney(text, currency);
  if (Number.isNaN(amount)) problems.push({ field, message: 'must be a price such as 25.00' });
  return { amount, currency };
}

function productFields(draft: ProductDraft, currency: string, problems: FieldError[]) {
  return {
    title: draft.title,
    description: draft.description,
    price: money(draft.price, currency, 'price', problems),
    status: draft.status,
    images: draft.images.map((url) => url.trim()).filter(Boolean),
    categoryIds: [...draft.categoryIds],
  };
}

export function variantPrice(row: VariantRow, index: number, currency: string, problems: FieldError[]) {
  return row.price.trim() ? money(row.price, currency, `variants.${index}.price`, problems) : null;
}

/** POST /products body; stock must be a whole number here, everything else the API judges. */
export function createBody(draft: ProductDraft, currency: string): Converted<Record<string, unknown>> {
  const problems: FieldError[] = [];
  const variants = draft.rows.map((row, index) => {
    const stock = Number(row.stock.trim());
    if (!/^\d+$/.test(row.stock.trim())) problems.push({ field: `variants.${index}.stock`, message: 'must be a whole number' });
    const price = variantPrice(row, index, currency, problems);
    return { sku: row.sku, options: row.options, stock, ...(price ? { price } : {}) };
  });
  return { body: { ...productFields(draft, currency, problems), options: usableOptions(draft.options), variants }, problems };
}

/** PATCH /products/:id body: the product's own fields (variants change one by one). */
export function updateBody(draft: ProductDraft, currency: string): Converted<Record<string, unknown>> {
  const problems: FieldError[] = [];
  return { body: productFields(draft, currency, problems), problems };
}
