/** Wire types of the search service (`GET /api/v1/search`), shared with its callers. */

export const SEARCH_SORTS = ['relevance', 'price_asc', 'price_desc', 'newest', 'rating'] as const;
export type SearchSort = (typeof SEARCH_SORTS)[number];

export interface SearchHit {
  readonly id: string;
  readonly slug: string;
  readonly title: string;
  /** Lowest price of any variant, minor units. */
  readonly price: { readonly amount: number; readonly currency: string };
  readonly images: readonly string[];
  readonly inStock: boolean;
  /** Average of the approved reviews (null without any) and their count. */
  readonly rating: { readonly average: number | null; readonly count: number };
}

export interface FacetCount {
  readonly value: string;
  readonly count: number;
}

export interface SearchFacets {
  readonly categories: readonly (FacetCount & { readonly name: string })[];
  /** Option name -> value counts, e.g. `{Colour: [{value: 'Red', count: 3}]}`. */
  readonly options: Readonly<Record<string, readonly FacetCount[]>>;
  /** Price buckets in minor units; `max` null for the open-ended last one. */
  readonly prices: readonly { readonly min: number; readonly max: number | null; readonly count: number }[];
  readonly inStock: { readonly inStock: number; readonly outOfStock: number };
}

export interface SearchResult {
  readonly items: readonly SearchHit[];
  readonly total: number;
  readonly page: number;
  readonly pageSize: number;
  readonly pageCount: number;
  readonly facets: SearchFacets;
  /** Queries that would find something, when this one found nothing. */
  readonly suggestions: readonly string[];
}
