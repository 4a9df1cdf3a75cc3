import { PRODUCT_STATUSES } from '@storefront/catalog';
import { TAX_CATEGORIES } from '@storefront/pricing';
import { atLeastOneField } from '@storefront/service-runtime';
import { z } from 'zod';

export const moneySchema = z.strictObject({
  amount: z.number().int('must be a whole number of minor units').min(0, 'must be 0 or more').max(1e12),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR'),
});

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);

export const variantSchema = z.strictObject({
  sku: text(100),
  options: z.record(text(50), text(100)).default({}),
  price: moneySchema.optional(),
  stock: z.number().int('must be a whole number').min(0, 'must be 0 or more').max(1_000_000_000),
  weightGrams: z.number().int('must be whole grams').min(0, 'must be 0 or more').max(1_000_000_000).optional(),
  /** Absent or null: the product's tax category. */
  taxCategory: z.enum(TAX_CATEGORIES).nullable().optional(),
});

const productFields = {
  title: text(200),
  slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase letters and digits separated by hyphens').max(100),
  description: z.string().max(20_000),
  price: moneySchema,
  taxCategory: z.enum(TAX_CATEGORIES),
  status: z.enum(PRODUCT_STATUSES),
  // http(s) only: a `javascript:` or `data:` URL would end up in a storefront's <img src>.
  images: z.array(z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2_000)).max(20),
  attributes: z
    .record(text(100), z.union([z.string().max(1_000), z.number(), z.boolean()]))
    .refine((attributes) => Object.keys(attributes).length <= 50, 'at most 50 attributes')
    .meta({ maxProperties: 50 }),
  categoryIds: z.array(z.uuid('must be a category id')).max(50),
};

export const createProductSchema = z.strictObject({
  ...productFields,
  slug: productFields.slug.optional(),
  description: productFields.description.optional(),
  taxCategory: productFields.taxCategory.optional(),
  status: productFields.status.optional(),
  images: productFields.images.optional(),
  attributes: productFields.attributes.optional(),
  categoryIds: productFields.categoryIds.optional(),
  options: z.array(z.strictObject({ name: text(50), values: z.array(text(100)).min(1, 'needs at least one value').max(100) })).max(5).default([]),
  variants: z.array(variantSchema).min(1, 'a product needs at least one variant').max(500),
});

export const updateProductSchema = atLeastOneField(
  z.strictObject({
    title: productFields.title,
    description: productFields.description,
    price: productFields.price,
    taxCategory: productFields.taxCategory,
    status: productFields.status,
    images: productFields.images,
    attributes: productFields.attributes,
    categoryIds: productFields.categoryIds,
  }).partial(),
);

export const productListQuerySchema = z.strictObject({
  q: z.string().max(200).optional(),
  status: z.enum(PRODUCT_STATUSES).optional(),
  category: z.string().max(100).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(100).default(20),
});
