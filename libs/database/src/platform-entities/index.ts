export * from './tenant.entity';
export * from './merchant.entity';
export * from './domain.entity';
export * from './shard-assignment.entity';
export * from './audit-log-entry.entity';
export * from './platform-admin.entity';
export * from './plan.entity';
export * from './store-resource.entity';

import { TenantEntity } from './tenant.entity';
import { MerchantEntity } from './merchant.entity';
import { DomainEntity } from './domain.entity';
import { ShardAssignmentEntity } from './shard-assignment.entity';
import { AuditLogEntryEntity } from './audit-log-entry.entity';
import { PlatformAdminEntity } from './platform-admin.entity';
import { PlanEntity } from './plan.entity';
import { StoreResourceEntity } from './store-resource.entity';

/** Entities of the `platform` schema: control data, one copy per database cluster. */
export const PLATFORM_ENTITIES = [
  TenantEntity,
  MerchantEntity,
  DomainEntity,
  ShardAssignmentEntity,
  AuditLogEntryEntity,
  PlatformAdminEntity,
  PlanEntity,
  StoreResourceEntity,
] as const;
