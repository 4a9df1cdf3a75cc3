import { DNS_LABEL, RESERVED_SLUGS, slugProblem } from '@storefront/tenancy';
import { z } from 'zod';

export const signupSchema = z.strictObject({
  email: z.email('must be an email address').max(254),
  password: z.string().min(10, 'must be at least 10 characters').max(200, 'must be at most 200 characters'),
  storeName: z.string().trim().min(1, 'is required').max(100, 'must be at most 100 characters'),
  slug: z
    .string()
    .superRefine((slug, ctx) => {
      const problem = slugProblem(slug);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    .meta({ minLength: 3, maxLength: 63, pattern: DNS_LABEL.source, not: { anyOf: [{ enum: [...RESERVED_SLUGS] }, { pattern: '^xn--' }] } }),
});

export type SignupInput = z.infer<typeof signupSchema>;
