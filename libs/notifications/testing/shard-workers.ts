import type { TenancyServices } from '@storefront/tenancy';
import type Redis from 'ioredis';
import { NotificationWorkers, type NotificationWorkersOptions } from '../src';

/** Workers of both test shards in this process, retrying fast (3 attempts, 50 ms base). */
export function workersOfBothShards(
  tenancy: TenancyServices,
  redis: { queue: Redis; commands: Redis },
  options: Pick<NotificationWorkersOptions, 'channels'> & Partial<NotificationWorkersOptions>,
): NotificationWorkers[] {
  return [0, 1].map(
    (shard) =>
      new NotificationWorkers({
        shard,
        clusters: tenancy.clusters,
        unitOfWork: tenancy.unitOfWork,
        connection: redis.queue,
        redis: redis.commands,
        attempts: 3,
        backoffMs: 50,
        ...options,
      }),
  );
}
