import type { SearchResult } from '@storefront/contracts';
import { ShardUnavailableError, type ShardClient } from '@storefront/service-runtime';

export class SearchUnavailableError extends Error {
  constructor(cause: unknown) {
    super('search is unavailable right now; try again in a moment, or browse the categories.', { cause });
    this.name = 'SearchUnavailableError';
  }
}

export interface ProductSearchQuery {
  readonly q: string;
  readonly page: number;
  readonly pageSize: number;
  readonly category?: string;
}

/** Asks the search shard that owns the tenant; the tenant travels in the signed service token. */
export class SearchClient {
  constructor(private readonly shards: ShardClient) {}

  async search(tenantId: string, query: ProductSearchQuery): Promise<SearchResult> {
    const params = new URLSearchParams({ q: query.q, page: String(query.page), pageSize: String(query.pageSize) });
    if (query.category) params.set('category', query.category);
    let answer;
    try {
      answer = await this.shards.request({ kind: 'shopper', tenantId }, 'GET', `/api/v1/search?${params}`);
    } catch (error) {
      if (error instanceof ShardUnavailableError) throw new SearchUnavailableError(error);
      throw error;
    }
    // The storefront validated the query already: anything but 200 is the search side failing.
    if (answer.statusCode !== 200) throw new SearchUnavailableError(new Error(`search answered ${answer.statusCode}`));
    return answer.body as SearchResult;
  }
}
