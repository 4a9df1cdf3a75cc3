import type { ProductView, VariantView } from '../api/wire-types';

export const LOW_STOCK_THRESHOLD = 5;
/** The API pages products by 100 at most; home looks at one page rather than walk the catalog. */
export const LOW_STOCK_SCAN = 100;

/** Variants at or under the threshold, fewest first. */
export function lowStockVariants(products: readonly ProductView[]): { product: ProductView; variant: VariantView }[] {
  return products
    .flatMap((product) => product.variants.filter((v) => v.stock <= LOW_STOCK_THRESHOLD).map((variant) => ({ product, variant })))
    .sort((a, b) => a.variant.stock - b.variant.stock);
}
