import type { ProductEntity, ProductOption, ProductStatus, VariantEntity } from './entities';
import type { TaxCategory } from '@storefront/pricing';
import type { Money, VariantInput } from './product-input';

export interface VariantView {
  readonly id: string;
  readonly sku: string;
  readonly options: Readonly<Record<string, string>>;
  /** The variant's own price, or null when it sells at the product price. */
  readonly price: Money | null;
  readonly stock: number;
  readonly weightGrams: number;
  /** null: the product's tax category applies. */
  readonly taxCategory: TaxCategory | null;
}

/** A product as the merchant API answers it. */
export interface ProductView {
  readonly id: string;
  readonly slug: string;
  readonly title: string;
  readonly description: string;
  readonly price: Money;
  readonly taxCategory: TaxCategory;
  readonly status: ProductStatus;
  readonly images: readonly string[];
  readonly attributes: Readonly<Record<string, string | number | boolean>>;
  readonly options: readonly ProductOption[];
  readonly variants: readonly VariantView[];
  readonly categoryIds: readonly string[];
  readonly createdAt: string;
  readonly updatedAt: string;
}

/** The columns a new variant gets from its input (product creation and an added variant alike). */
export function variantColumns(input: VariantInput): Pick<VariantEntity, 'sku' | 'optionValues' | 'priceAmount' | 'stock' | 'weightGrams' | 'taxCategory'> {
  return {
    sku: input.sku,
    optionValues: { ...input.options },
    priceAmount: input.price?.amount ?? null,
    stock: input.stock,
    weightGrams: input.weightGrams ?? 0,
    taxCategory: input.taxCategory ?? null,
  };
}

export function toVariantView(variant: VariantEntity, currency: string): VariantView {
  return {
    id: variant.id,
    sku: variant.sku,
    options: variant.optionValues,
    price: variant.priceAmount === null ? null : { amount: variant.priceAmount, currency },
    stock: variant.stock,
    weightGrams: variant.weightGrams,
    taxCategory: variant.taxCategory,
  };
}

export function toProductView(product: ProductEntity, variants: readonly VariantEntity[], categoryIds: readonly string[]): ProductView {
  const currency = product.currency;
  return {
    id: product.id,
    slug: product.slug,
    title: product.title,
    description: product.description,
    price: { amount: product.priceAmount, currency },
    taxCategory: product.taxCategory,
    status: product.status,
    images: product.images,
    attributes: product.attributes,
    options: product.options,
    variants: variants.map((variant) => toVariantView(variant, currency)),
    categoryIds,
    createdAt: product.createdAt.toISOString(),
    updatedAt: product.updatedAt.toISOString(),
  };
}
