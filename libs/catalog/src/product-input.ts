import type { TaxCategory } from '@storefront/pricing';
import type { ProductOption, ProductStatus } from './entities';

/** Money on the wire: integer minor units plus an ISO 4217 currency. */
export interface Money {
  readonly amount: number;
  readonly currency: string;
}

export interface VariantInput {
  readonly sku: string;
  /** Option name -> value; must name every option of the product exactly once. */
  readonly options: Readonly<Record<string, string>>;
  readonly price?: Money;
  readonly stock: number;
  readonly weightGrams?: number;
  /** null or absent: the product's category. */
  readonly taxCategory?: TaxCategory | null;
}

export interface CreateProductInput {
  readonly title: string;
  readonly slug?: string;
  readonly description?: string;
  readonly price: Money;
  readonly taxCategory?: TaxCategory;
  readonly status?: ProductStatus;
  readonly images?: readonly string[];
  readonly attributes?: Readonly<Record<string, string | number | boolean>>;
  readonly options: readonly ProductOption[];
  readonly variants: readonly VariantInput[];
  readonly categoryIds?: readonly string[];
}

/** The fixed fields a merchant may change after creation; variants change through their own calls. */
export type UpdateProductInput = Partial<
  Pick<CreateProductInput, 'title' | 'description' | 'price' | 'taxCategory' | 'status' | 'images' | 'attributes' | 'categoryIds'>
>;

export interface ProductListFilter {
  /** Case-insensitive match on title or SKU. */
  readonly q?: string;
  readonly status?: ProductStatus;
  readonly categoryId?: string;
  readonly page: number;
  readonly pageSize: number;
}
