import { SEARCH_SORTS, type SearchSort } from '@storefront/contracts';
import { z } from 'zod';

/** What a caller may ask for; everything is bounded, so no input can make the query unbounded. */
export interface SearchRequest {
  readonly q: string;
  readonly page: number;
  readonly pageSize: number;
  readonly sort: SearchSort;
  readonly category?: string;
  /** Option name -> accepted values (any of them). */
  readonly options: Readonly<Record<string, readonly string[]>>;
  readonly priceMin?: number;
  readonly priceMax?: number;
  readonly inStock?: boolean;
  /** Only products whose approved reviews average at least this. */
  readonly minRating?: number;
}

export const MAX_PAGE = 1000;
const MAX_MINOR_UNITS = 1_000_000_000_000;

const amount = z.coerce.number({ error: 'must be a number' }).int('must be whole minor units').min(0, 'must be 0 or more').max(MAX_MINOR_UNITS);
// PostgreSQL refuses NUL in text, and no name or value has control characters.
// The Cc category spelled as ranges: \p{Cc} is not in every regex dialect the OpenAPI document meets.
// eslint-disable-next-line no-control-regex -- refusing control characters is the point
const CONTROL_CHARACTERS = /^[^\x00-\x1f\x7f-\x9f]*$/;
/** A category slug filter, as the search shard takes it (and the storefront checks before asking). */
export const categoryFilter = z
  .string({ error: 'must be one category slug' })
  .max(100, 'at most 100 characters')
  .regex(CONTROL_CHARACTERS, 'must not contain control characters');
const optionFilter = z
  .string()
  .max(200, 'at most 200 characters')
  .regex(CONTROL_CHARACTERS, 'must not contain control characters')
  .regex(/^[^:]+:.+$/, 'must be name:value, e.g. Colour:Red');

/** `GET /api/v1/search` query string; every violation answers 400 naming the field. */
export const searchQuerySchema = z
  .object({
    q: z.string({ error: 'must be one text' }).max(500, 'at most 500 characters').default(''),
    page: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be 1 or more').max(MAX_PAGE, `must be at most ${MAX_PAGE}`).default(1),
    pageSize: z.coerce.number({ error: 'must be a number' }).int('must be a whole number').min(1, 'must be 1 or more').max(100, 'must be at most 100').default(24),
    sort: z.enum(SEARCH_SORTS, { error: `must be one of ${SEARCH_SORTS.join(', ')}` }).default('relevance'),
    category: categoryFilter.optional(),
    option: z.union([optionFilter, z.array(optionFilter).max(20, 'at most 20 option filters')]).optional(),
    priceMin: amount.optional(),
    priceMax: amount.optional(),
    inStock: z.enum(['true', 'false'], { error: 'must be true or false' }).optional(),
    minRating: z.coerce.number({ error: 'must be a number' }).min(1, 'must be 1 or more').max(5, 'must be at most 5').optional(),
  })
  .strict()
  .refine((query) => query.priceMin === undefined || query.priceMax === undefined || query.priceMin <= query.priceMax, {
    path: ['priceMax'],
    message: 'must not be below priceMin',
  })
  .transform((query): SearchRequest => {
    const options: Record<string, string[]> = {};
    for (const filter of query.option === undefined ? [] : [query.option].flat()) {
      const at = filter.indexOf(':');
      const name = filter.slice(0, at);
      (options[name] ??= []).push(filter.slice(at + 1));
    }
    return {
      q: query.q,
      page: query.page,
      pageSize: query.pageSize,
      sort: query.sort,
      options,
      ...(query.category ? { category: query.category } : {}),
      ...(query.priceMin !== undefined ? { priceMin: query.priceMin } : {}),
      ...(query.priceMax !== undefined ? { priceMax: query.priceMax } : {}),
      ...(query.inStock !== undefined ? { inStock: query.inStock === 'true' } : {}),
      ...(query.minRating !== undefined ? { minRating: query.minRating } : {}),
    };
  });
