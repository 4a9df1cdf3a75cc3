import { Module } from '@nestjs/common';

/** Control plane: signup, merchant admin API, platform admin API (filled in by the platform API issue). */
@Module({})
export class PlatformApiModule {}
