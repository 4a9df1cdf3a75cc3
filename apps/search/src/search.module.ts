import { Module, type DynamicModule } from '@nestjs/common';
import { SHARD_GUARD_OPTIONS, TenantShardGuard, type TenantShardGuardOptions } from '@storefront/service-runtime';
import { ReindexController } from './indexing/reindex.controller';
import { SEARCH_SERVICES, type SearchServices } from './search-services';
import { SearchController } from './search/search.controller';

/** One search shard's HTTP surface; the services are built outside Nest and handed in. */
@Module({})
export class SearchModule {
  static register(services: SearchServices, guard: TenantShardGuardOptions): DynamicModule {
    return {
      module: SearchModule,
      controllers: [SearchController, ReindexController],
      providers: [
        { provide: SEARCH_SERVICES, useValue: services },
        { provide: SHARD_GUARD_OPTIONS, useValue: guard },
        TenantShardGuard,
      ],
    };
  }
}
