import type { SearchRequest } from '../query/search-request.schema';
import { CATEGORY_FACET, OPTION_FACET, OPTION_VALUE_SEPARATOR } from '../indexing/search-document';

/** Lower bounds of the price facet's buckets, minor units; the last bucket is open-ended. */
export const PRICE_BUCKETS = [0, 1_000, 2_500, 5_000, 10_000] as const;

export interface SearchSql {
  readonly sql: string;
  readonly params: unknown[];
}

/** Row of the one statement below: the page and every facet, computed from one set of hits. */
export interface SearchRow {
  total: number;
  items: { id: string; slug: string; title: string; price: { amount: number; currency: string }; images: string[]; inStock: boolean; rating: { average: number | null; count: number } }[];
  categories: { value: string; name: string; count: number }[];
  options: { pair: string; count: number }[];
  /** Hits per price bucket, in the order of PRICE_BUCKETS. */
  prices: number[];
  in_stock: number;
}

/** A text query in the store's text search configuration (`english`, `german`, `simple`, ...). */
export interface TextQuery {
  readonly tsQuery: string;
  readonly language: string;
}

/**
 * One statement (one round trip) for a page of hits, the total and the facets. Its shape comes
 * from code only; every value the caller chose travels as a bind parameter.
 */
export function searchSql(request: SearchRequest, text: TextQuery | null): SearchSql {
  const params: unknown[] = [];
  const bind = (value: unknown): string => `$${params.push(value)}`;
  const where: string[] = [];
  // The language is a value, not a lookup, so the planner sees a constant tsquery and uses the GIN index.
  const query = text === null ? null : `to_tsquery(${bind(text.language)}::regconfig, ${bind(text.tsQuery)})`;
  if (query !== null) where.push(`d.document @@ ${query}`);
  if (request.category !== undefined) where.push(`d.category_ids && ARRAY(SELECT id FROM categories WHERE slug = ${bind(request.category)})`);
  for (const [name, values] of Object.entries(request.options).sort(([a], [b]) => (a < b ? -1 : 1))) {
    where.push(`d.option_values && ${bind(values.map((value) => `${name}${OPTION_VALUE_SEPARATOR}${value}`))}::text[]`);
  }
  if (request.priceMin !== undefined) where.push(`d.price_amount >= ${bind(request.priceMin)}`);
  if (request.priceMax !== undefined) where.push(`d.price_amount <= ${bind(request.priceMax)}`);
  if (request.inStock !== undefined) where.push(`d.in_stock = ${bind(request.inStock)}`);
  if (request.minRating !== undefined) where.push(`d.rating_average >= ${bind(request.minRating)}`);
  // Every document is a hit: its facets are the index's running counts, and the page comes
  // straight off the sort's index instead of sorting a copy of the whole index.
  const wholeIndex = where.length === 0;

  // Only a relevance sort reads the rank: computing it for every hit of a price sort is wasted.
  const order = orderOf(request.sort, text !== null);
  const limit = bind(request.pageSize);
  const offset = bind((request.page - 1) * request.pageSize);
  const priceCounts = PRICE_BUCKETS.map((min, i) => {
    const max = PRICE_BUCKETS[i + 1];
    return `count(*) FILTER (WHERE price_amount >= ${min}${max === undefined ? '' : ` AND price_amount < ${max}`})::int`;
  });
  const sql = `
    WITH hits AS ${wholeIndex ? 'NOT MATERIALIZED' : 'MATERIALIZED'} (
      SELECT d.product_id, d.price_amount, d.created_at, d.in_stock, d.category_ids, d.option_values, d.rating_average, d.rating_count,
             ${query !== null && request.sort === 'relevance' ? `ts_rank(d.document, ${query})` : '0::real'} AS rank
        FROM search_documents d
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
    ),
    page AS (
      SELECT h.product_id, h.price_amount, h.in_stock, h.rank, h.created_at, h.rating_average, h.rating_count FROM hits h ORDER BY ${order} LIMIT ${limit} OFFSET ${offset}
    ),
    summary AS (
      -- One pass over the hits for the total and the counts by stock and price.
      SELECT count(*)::int AS total, count(*) FILTER (WHERE in_stock)::int AS in_stock, ARRAY[${priceCounts.join(', ')}] AS prices FROM hits
    ),
    category_counts AS (
      ${
        wholeIndex
          ? `SELECT substr(facet, ${CATEGORY_FACET.length + 1})::uuid AS category_id, documents AS n FROM search_facet_counts WHERE starts_with(facet, '${CATEGORY_FACET}')`
          : 'SELECT category_id, count(*)::int AS n FROM hits, unnest(category_ids) AS category_id GROUP BY category_id'
      }
    ),
    option_counts AS (
      ${
        wholeIndex
          ? `SELECT substr(facet, ${OPTION_FACET.length + 1}) AS pair, documents AS n FROM search_facet_counts WHERE starts_with(facet, '${OPTION_FACET}')`
          : 'SELECT pair, count(*)::int AS n FROM hits, unnest(option_values) AS pair GROUP BY pair'
      }
    )
    SELECT s.total, s.in_stock, s.prices,
      (SELECT coalesce(json_agg(json_build_object('id', h.product_id, 'slug', p.slug, 'title', p.title,
              'price', json_build_object('amount', h.price_amount, 'currency', p.currency), 'images', p.images, 'inStock', h.in_stock,
              'rating', json_build_object('average', h.rating_average::float8, 'count', h.rating_count))
              ORDER BY ${order}), '[]')
         FROM page h JOIN products p ON p.id = h.product_id) AS items,
      (SELECT coalesce(json_agg(json_build_object('value', c.slug, 'name', c.name, 'count', f.n) ORDER BY f.n DESC, c.name), '[]')
         FROM category_counts f JOIN categories c ON c.id = f.category_id) AS categories,
      (SELECT coalesce(json_agg(json_build_object('pair', pair, 'count', n) ORDER BY n DESC, pair), '[]') FROM option_counts) AS options
    FROM summary s`;
  return { sql, params };
}

function orderOf(sort: SearchRequest['sort'], hasText: boolean): string {
  const newest = 'h.created_at DESC, h.product_id';
  switch (sort) {
    case 'price_asc':
      return `h.price_amount ASC, ${newest}`;
    case 'price_desc':
      return `h.price_amount DESC, ${newest}`;
    case 'newest':
      return newest;
    case 'rating':
      return `h.rating_average DESC NULLS LAST, h.rating_count DESC, ${newest}`;
    case 'relevance':
      return hasText ? `h.rank DESC, ${newest}` : newest;
  }
}
