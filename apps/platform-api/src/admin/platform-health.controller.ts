import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import type { PlatformHealth } from '@storefront/contracts';
import { PlatformAdminGuard } from '../auth/platform-admin.guard';
import { PlatformHealthService } from './platform-health.service';

/**
 * The platform's health for its admins: services (this API, PostgreSQL clusters, Redis), every
 * shard's readiness and queue depths. Always 200 when the caller may see it: what is down is in
 * the body (a monitoring probe should use each service's own /health/ready instead).
 */
@ApiTags('platform admin')
@Controller('api/v1/admin/health')
@UseGuards(PlatformAdminGuard)
export class PlatformHealthController {
  constructor(private readonly health: PlatformHealthService) {}

  @Get()
  get(): Promise<PlatformHealth> {
    return this.health.check();
  }
}
