import type { Page } from '@storefront/contracts';
import type { ApiClient } from '../api/api-client';
import type { CategoryView, ProductView, StoreSettings } from '../api/wire-types';

/** Loaders of what the selling pages need besides their rules. */

/** Amounts are minor units of the store currency, typed and shown by its exponent. */
export async function loadCurrency(api: ApiClient): Promise<string> {
  return (await api.request<StoreSettings>('GET', '/store/settings')).currency;
}

export async function loadCategories(api: ApiClient): Promise<CategoryView[]> {
  return (await api.request<{ items: CategoryView[] }>('GET', '/categories')).items;
}

/** A variant a sale can price, found by its SKU. */
export interface VariantChoice {
  readonly variantId: string;
  readonly sku: string;
  readonly title: string;
  /** Its regular price in minor units (the variant's own, or the product's). */
  readonly amount: number;
}

/** Every variant of the store, page by page (the API serves at most 100 products a page). */
export async function loadVariants(api: ApiClient): Promise<VariantChoice[]> {
  const choices: VariantChoice[] = [];
  for (let page = 1; ; page++) {
    const products = await api.request<Page<ProductView>>('GET', `/products?page=${page}&pageSize=100`);
    for (const product of products.items)
      for (const variant of product.variants) choices.push({ variantId: variant.id, sku: variant.sku, title: product.title, amount: (variant.price ?? product.price).amount });
    if (page * 100 >= products.total || products.items.length === 0) return choices;
  }
}
