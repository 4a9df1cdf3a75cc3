import { provisionTestTenant, useTestTenancy } from '@storefront/tenancy/testing';
import { enqueueReindex, reindexQueueOf } from './reindex-queue';

describe('the reindex queue', () => {
  const env = useTestTenancy();

  it('keeps finished reindex jobs up to a count, so repeated requests cannot fill Redis', async () => {
    const { ctx } = await provisionTestTenant(env.tenancy);
    // A shard number no search worker of another test listens on, so the job stays waiting.
    const queue = reindexQueueOf(env.redis, 9_000);
    try {
      const job = (await queue.getJob(await enqueueReindex(queue, ctx)))!;
      expect(job.opts.removeOnComplete).toMatchObject({ count: expect.any(Number) });
      expect(job.opts.removeOnFail).toMatchObject({ count: expect.any(Number) });
      await job.remove();
    } finally {
      await queue.close();
    }
  });
});
