import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { PlatformAdminGuard } from '../auth/platform-admin.guard';
import { PlatformUsageService, type PlatformUsage } from './platform-usage.service';

/** How the platform is used: tenants by status and plan, placement across clusters and shards. */
@ApiTags('platform admin')
@Controller('api/v1/admin/usage')
@UseGuards(PlatformAdminGuard)
export class PlatformUsageController {
  constructor(private readonly usage: PlatformUsageService) {}

  @Get()
  get(): Promise<PlatformUsage> {
    return this.usage.usage();
  }
}
