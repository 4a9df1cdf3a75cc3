import type { FacetCount, SearchFacets, SearchResult, TenantContext } from '@storefront/contracts';
import type { TenantCache } from '@storefront/tenant-cache';
import type { TenantTransaction, TenantUnitOfWork } from '@storefront/tenancy';
import { createHash } from 'node:crypto';
import { OPTION_VALUE_SEPARATOR } from '../indexing/search-document';
import { parseQuery, type QueryWord } from '../query/query-words';
import type { SearchRequest } from '../query/search-request.schema';
import { lookupWordsOf, suggestionCandidates, tsQueryText } from '../query/text-query';
import { lookUpVocabulary, SEARCH_TRANSACTION_SETTINGS, type SimilarTerm } from '../query/vocabulary';
import { PRICE_BUCKETS, searchSql, type SearchRow } from './search-sql';

/**
 * Product search of one tenant: full text with typo tolerance, facets, sorting and pages, from
 * the tenant's search documents. Answers are cached per tenant (hot queries); the indexer
 * invalidates the tenant's entries whenever its catalog changes.
 */
export class ProductSearchService {
  constructor(
    private readonly uow: TenantUnitOfWork,
    private readonly cache: TenantCache,
  ) {}

  search(ctx: TenantContext, request: SearchRequest): Promise<SearchResult> {
    return this.cache.get(ctx.tenantId, cacheKeyOf(request), () => this.uow.run(ctx, (tx) => this.execute(tx, request), SEARCH_TRANSACTION_SETTINGS));
  }

  private async execute(tx: TenantTransaction, request: SearchRequest): Promise<SearchResult> {
    const words = parseQuery(request.q);
    const { similar, language } = words.length > 0 ? await lookUpVocabulary(tx, lookupWordsOf(words)) : { similar: new Map<string, SimilarTerm[]>(), language: 'simple' };
    const { sql, params } = searchSql(request, words.length > 0 ? { tsQuery: tsQueryText(words, similar), language } : null);
    const [row] = (await tx.query(sql, params)) as SearchRow[];
    const total = row!.total;
    return {
      items: row!.items,
      total,
      page: request.page,
      pageSize: request.pageSize,
      pageCount: Math.ceil(total / request.pageSize),
      facets: facetsOf(row!),
      suggestions: total === 0 && words.length > 0 ? await this.suggestions(tx, words, similar, language) : [],
    };
  }

  /** Nearby queries that do find something (checked, so a suggestion never leads to nothing). */
  private async suggestions(tx: TenantTransaction, words: readonly QueryWord[], similar: Map<string, SimilarTerm[]>, language: string): Promise<string[]> {
    const candidates = suggestionCandidates(words, similar);
    if (candidates.length === 0) return [];
    const queries = candidates.map((candidate) => tsQueryText(parseQuery(`${candidate} `), new Map()));
    const rows: { found: boolean }[] = await tx.query(
      `SELECT EXISTS (SELECT 1 FROM search_documents d WHERE d.document @@ to_tsquery($2::regconfig, s.query)) AS found
         FROM unnest($1::text[]) WITH ORDINALITY AS s(query, n) ORDER BY s.n`,
      [queries, language],
    );
    return candidates.filter((_, i) => rows[i]?.found);
  }
}

function facetsOf(row: SearchRow): SearchFacets {
  const options: Record<string, FacetCount[]> = {};
  for (const { pair, count } of row.options) {
    const at = pair.indexOf(OPTION_VALUE_SEPARATOR);
    (options[pair.slice(0, at)] ??= []).push({ value: pair.slice(at + 1), count });
  }
  return {
    categories: row.categories,
    options,
    prices: PRICE_BUCKETS.map((min, i) => ({ min, max: PRICE_BUCKETS[i + 1] ?? null, count: row.prices[i] ?? 0 })),
    inStock: { inStock: row.in_stock, outOfStock: row.total - row.in_stock },
  };
}

/** Same request, same key, whatever order the caller gave filters in. */
function cacheKeyOf(request: SearchRequest): string {
  const options = Object.entries(request.options)
    .map(([name, values]) => [name, [...values].sort()] as const)
    .sort(([a], [b]) => (a < b ? -1 : 1));
  const canonical = JSON.stringify([parseQuery(request.q), request.page, request.pageSize, request.sort, request.category ?? null, options, request.priceMin ?? null, request.priceMax ?? null, request.inStock ?? null, request.minRating ?? null]);
  return `query:${createHash('sha256').update(canonical).digest('base64url')}`;
}
