import { z } from 'zod';

const money = z.object({
  amount: z.number().int('must be whole minor units').min(0),
  currency: z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as EUR'),
});

export const placeOrderSchema = z
  .object({
    lines: z
      .array(
        z.object({
          sku: z.string().min(1).max(100),
          quantity: z.number().int('must be a whole number').min(1).max(1_000),
          expectedUnitPrice: money.optional(),
        }),
      )
      .min(1, 'the cart is empty')
      .max(100, 'at most 100 lines')
      .refine((lines) => new Set(lines.map((line) => line.sku)).size === lines.length, 'each SKU may appear once'),
    paymentMethod: z.string().min(1).max(50),
    paymentToken: z.string().min(1).max(200).optional(),
    shippingAddress: z.object({
      name: z.string().min(1).max(200),
      line1: z.string().min(1).max(200),
      line2: z.string().max(200).optional(),
      city: z.string().min(1).max(100),
      postalCode: z.string().min(1).max(20),
      country: z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166 alpha-2 code such as DE'),
      phone: z.string().max(40).optional(),
    }),
    customerId: z.uuid().optional(),
    returnUrl: z.url({ protocol: /^https?$/, error: 'must be an http(s) URL' }).max(2_000).optional(),
  })
  .strict();

export const IDEMPOTENCY_KEY = /^[A-Za-z0-9_.:-]{8,255}$/;
