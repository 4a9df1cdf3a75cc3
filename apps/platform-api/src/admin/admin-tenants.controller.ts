import {
  Body,
  ConflictException,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  NotFoundException,
  Param,
  Post,
  Put,
  Query,
  Req,
  UseGuards,
} from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { TENANT_STATUSES } from '@storefront/database';
import { SHARDED_SERVICES, type ShardMove } from '@storefront/tenancy';
import { HttpErrorWithDetails } from '@storefront/service-runtime';
import { z } from 'zod';
import { CurrentAdmin } from '../auth/principal.decorators';
import { PlatformAdminGuard } from '../auth/platform-admin.guard';
import type { PlatformAdminPrincipal } from '../auth/principals';
import { isRegistryId } from '../http/uuid';
import { PlanLimits } from '../plans/plan-limits';
import { TenantAdminService, TenantStateError, type TenantDetail, type TenantSummary } from './tenant-admin.service';
import { TenantDeletionService, type TenantDeletion } from './tenant-deletion.service';
import type { Page } from '@storefront/contracts';

const listQuerySchema = z.strictObject({
  q: z.string().max(200).optional(),
  status: z.enum(TENANT_STATUSES).optional(),
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(200).default(50),
});
const planChangeSchema = z.strictObject({ plan: z.string().min(1).max(50) });
const shardMoveSchema = z.strictObject({ service: z.enum(SHARDED_SERVICES), shard: z.number().int().min(0) });

/** Platform admin API over tenants. Audit actor: the admin's email. */
@ApiTags('platform admin')
@Controller('api/v1/admin/tenants')
@UseGuards(PlatformAdminGuard)
export class AdminTenantsController {
  constructor(
    private readonly tenants: TenantAdminService,
    private readonly deletions: TenantDeletionService,
    private readonly plans: PlanLimits,
  ) {}

  @Get()
  async list(
    @Query({ schema: listQuerySchema }) query: z.infer<typeof listQuerySchema>,
  ): Promise<Page<TenantSummary>> {
    return { ...(await this.tenants.list(query)), page: query.page, pageSize: query.pageSize };
  }

  @Get(':id')
  detail(@Param('id') id: string): Promise<TenantDetail> {
    return this.tenants.detail(knownId(id));
  }

  @Post(':id/suspend')
  @HttpCode(HttpStatus.OK)
  suspend(@Param('id') id: string, @CurrentAdmin() admin: PlatformAdminPrincipal): Promise<TenantSummary> {
    return stateful(() => this.tenants.suspend(knownId(id), admin.email));
  }

  @Post(':id/resume')
  @HttpCode(HttpStatus.OK)
  resume(@Param('id') id: string, @CurrentAdmin() admin: PlatformAdminPrincipal): Promise<TenantSummary> {
    return stateful(() => this.tenants.resume(knownId(id), admin.email));
  }

  @Put(':id/plan')
  async changePlan(
    @Param('id') id: string,
    @Body({ schema: planChangeSchema }) input: z.infer<typeof planChangeSchema>,
    @CurrentAdmin() admin: PlatformAdminPrincipal,
  ): Promise<TenantSummary> {
    if (!(await this.plans.exists(input.plan))) {
      throw new HttpErrorWithDetails(HttpStatus.BAD_REQUEST, 'unknown plan', [{ field: 'plan', message: 'no such plan' }]);
    }
    return this.tenants.changePlan(knownId(id), input.plan, admin.email);
  }

  /** Pins the tenant to a shard of one sharded service (e.g. to isolate a big tenant). */
  @Post(':id/shards')
  @HttpCode(HttpStatus.OK)
  async moveShard(
    @Param('id') id: string,
    @Body({ schema: shardMoveSchema }) input: z.infer<typeof shardMoveSchema>,
    @CurrentAdmin() admin: PlatformAdminPrincipal,
  ): Promise<ShardMove> {
    try {
      return await stateful(() => this.tenants.moveShard(knownId(id), input.service, input.shard, admin.email));
    } catch (error) {
      if (error instanceof RangeError) {
        throw new HttpErrorWithDetails(HttpStatus.BAD_REQUEST, error.message, [{ field: 'shard', message: 'no such shard' }]);
      }
      throw error;
    }
  }

  @Delete(':id')
  @HttpCode(HttpStatus.OK)
  delete(@Param('id') id: string, @CurrentAdmin() admin: PlatformAdminPrincipal, @Req() request: { id: string }): Promise<TenantDeletion> {
    return stateful(() => this.deletions.delete(knownId(id), admin.email, request.id));
  }
}

function knownId(id: string): string {
  if (!isRegistryId(id)) throw new NotFoundException(`tenant ${id} not found`);
  return id;
}

async function stateful<T>(action: () => Promise<T>): Promise<T> {
  try {
    return await action();
  } catch (error) {
    if (error instanceof TenantStateError) throw new ConflictException(error.message);
    throw error;
  }
}
