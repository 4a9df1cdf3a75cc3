import type { TenantContext } from '@storefront/contracts';
import { quoteIdentifier } from '@storefront/database';
import type { TenantUnitOfWork } from './tenant-unit-of-work';

/**
 * Rows of one tenant table that have outlived their use. The module owning the table writes the
 * rule (it knows how long a row matters); `expired` is SQL over that table with `$1..` parameters,
 * written in code, never from input.
 */
export interface RetentionRule {
  readonly table: string;
  readonly expired: string;
  readonly parameters?: readonly unknown[];
}

/** Rows per transaction: short transactions, so a large backlog never holds locks or trips the statement timeout. */
const DEFAULT_BATCH_SIZE = 1_000;

/** Deletes every expired row of `rule`'s table for one tenant, batch by batch; returns how many went. */
export async function purgeExpiredRows(unitOfWork: TenantUnitOfWork, ctx: TenantContext, rule: RetentionRule, batchSize = DEFAULT_BATCH_SIZE): Promise<number> {
  const table = quoteIdentifier(rule.table);
  const parameters = rule.parameters ?? [];
  const limit = `$${parameters.length + 1}`;
  let purged = 0;
  for (;;) {
    const [{ n }] = await unitOfWork.run(ctx, (tx) =>
      tx.query<[{ n: number }]>(
        `WITH doomed AS (SELECT ctid FROM ${table} WHERE ${rule.expired} LIMIT ${limit}),
              gone AS (DELETE FROM ${table} WHERE ctid IN (SELECT ctid FROM doomed) RETURNING 1)
         SELECT count(*)::int AS n FROM gone`,
        [...parameters, batchSize],
      ),
    );
    purged += n;
    if (n < batchSize) return purged;
  }
}
