import { Controller, Get, HttpCode, Inject, NotFoundException, Param, Post, Req, UseGuards } from '@nestjs/common';
import { AcceptPrincipals, TenantShardGuard, type ShardRequest } from '@storefront/service-runtime';
import { SEARCH_SERVICES, type SearchServices } from '../search-services';
import type { ReindexStatus } from './reindex-jobs';

/** Starts a full reindex of the caller's tenant and reports its progress. */
@Controller('api/v1/search/reindex')
@UseGuards(TenantShardGuard)
@AcceptPrincipals(['merchant', 'service'])
export class ReindexController {
  constructor(@Inject(SEARCH_SERVICES) private readonly services: SearchServices) {}

  @Post()
  @HttpCode(202)
  start(@Req() request: ShardRequest): Promise<ReindexStatus> {
    return this.services.reindex.enqueue(request.tenantContext);
  }

  @Get(':jobId')
  async status(@Req() request: ShardRequest, @Param('jobId') jobId: string): Promise<ReindexStatus> {
    const status = await this.services.reindex.status(request.tenantContext, jobId);
    if (!status) throw new NotFoundException('no such reindex job');
    return status;
  }
}
