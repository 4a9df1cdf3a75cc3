import { randomUUID } from 'node:crypto';
import { provisionTestTenant, useTestTenancy } from '../testing';
import { purgeExpiredRows } from './retention-purge';

describe('purgeExpiredRows', () => {
  const env = useTestTenancy();

  it('deletes a backlog larger than one batch, batch by batch, and only the rows the rule names', async () => {
    const { ctx } = await provisionTestTenant(env.tenancy);
    const ids = Array.from({ length: 7 }, () => randomUUID());
    await env.tenancy.unitOfWork.run(ctx, (tx) =>
      tx.query(`INSERT INTO processed_events (consumer, event_id) SELECT CASE WHEN n <= 5 THEN 'old' ELSE 'kept' END, id FROM unnest($1::uuid[]) WITH ORDINALITY AS e(id, n)`, [ids]),
    );
    const purged = await purgeExpiredRows(env.tenancy.unitOfWork, ctx, { table: 'processed_events', expired: 'consumer = $1', parameters: ['old'] }, 2);
    expect(purged).toBe(5);
    const left = await env.tenancy.unitOfWork.run(ctx, (tx) => tx.query<{ consumer: string }[]>('SELECT consumer FROM processed_events'));
    expect(left).toEqual([{ consumer: 'kept' }, { consumer: 'kept' }]);
  });
});
