import type { ReindexJobs } from './indexing/reindex-jobs';
import type { ProductSearchService } from '@storefront/product-search';

export const SEARCH_SERVICES = Symbol('SEARCH_SERVICES');

/** What the search shard's controllers call; built once per process in startSearch(). */
export interface SearchServices {
  readonly search: ProductSearchService;
  readonly reindex: ReindexJobs;
}
