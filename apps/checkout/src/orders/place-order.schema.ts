import { postalCodeProblem } from '@storefront/contracts';
import { z } from 'zod';

const money = z.object({
  amount: z.number().int('must be whole minor units').min(0),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR'),
});

const addressFields = {
  name: z.string().min(1).max(200),
  line1: z.string().min(1).max(200),
  line2: z.string().max(200).optional(),
  city: z.string().min(1).max(100),
  region: z.string().trim().regex(/^([A-Za-z]{2}-)?[A-Za-z0-9]{1,3}$/, 'must be a region code such as NY or US-NY').optional(),
  postalCode: z.string().min(1).max(20),
  country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code such as DE'),
  phone: z.string().max(40).optional(),
};

/** The postal code must have its country's shape (the field named, so the form can say where). */
function checkPostalCode(address: { country: string; postalCode: string }, context: z.RefinementCtx): void {
  const problem = postalCodeProblem(address.country, address.postalCode);
  if (problem) context.addIssue({ code: 'custom', path: ['postalCode'], message: problem });
}

export const shippingAddressSchema = z.object(addressFields).superRefine(checkPostalCode);

/** A quote needs only where the cart goes; the rest of the address comes at checkout. */
export const destinationSchema = z.object({ country: addressFields.country, region: addressFields.region, postalCode: addressFields.postalCode }).superRefine(checkPostalCode);

const linesSchema = z
  .array(
    z.object({
      sku: z.string().min(1).max(100),
      quantity: z.number().int('must be a whole number').min(1).max(1_000),
      expectedUnitPrice: money.optional(),
    }),
  )
  .min(1, 'the cart is empty')
  .max(100, 'at most 100 lines')
  .refine((lines) => new Set(lines.map((line) => line.sku)).size === lines.length, 'each SKU may appear once');

export const quoteSchema = z
  .object({
    lines: linesSchema,
    destination: destinationSchema.optional(),
    shippingMethodId: z.uuid('must be the id of a shipping method').optional(),
    discountCode: z.string().trim().min(1).max(40).optional(),
  })
  .strict();

export const placeOrderSchema = z
  .object({
    lines: linesSchema,
    paymentMethod: z.string().min(1).max(50),
    paymentToken: z.string().min(1).max(200).optional(),
    shippingAddress: shippingAddressSchema,
    shippingMethodId: z.uuid('must be the id of a shipping method').optional(),
    discountCode: z.string().trim().min(1).max(40).optional(),
    email: z.email('must be an email address').max(254).optional(),
    expectedTotal: money.optional(),
    customerId: z.uuid().optional(),
    returnUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2_000).optional(),
  })
  .strict();

export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,255}$/;
