import { Controller, Get, Inject, Query, Req, UseGuards } from '@nestjs/common';
import type { SearchResult } from '@storefront/contracts';
import { AcceptPrincipals, TenantShardGuard, ZodValidationPipe, type ShardRequest } from '@storefront/service-runtime';
import { searchQuerySchema, type SearchRequest } from '@storefront/product-search';
import { SEARCH_SERVICES, type SearchServices } from '../search-services';

/** Product search for callers vouching for a tenant of this shard (the storefront). */
@Controller('api/v1/search')
@UseGuards(TenantShardGuard)
@AcceptPrincipals(['shopper', 'merchant'])
export class SearchController {
  constructor(@Inject(SEARCH_SERVICES) private readonly services: SearchServices) {}

  @Get()
  search(@Req() request: ShardRequest, @Query(new ZodValidationPipe(searchQuerySchema)) query: SearchRequest): Promise<SearchResult> {
    return this.services.search.search(request.tenantContext, query);
  }
}
