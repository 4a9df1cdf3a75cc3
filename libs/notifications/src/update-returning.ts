import type { TenantTransaction } from '@storefront/tenancy';

/** TypeORM answers UPDATE and DELETE with `[rows, affected]` (other statements with rows): the rows. */
export async function updateReturning<R>(tx: TenantTransaction, sql: string, parameters: unknown[]): Promise<R[]> {
  const [rows] = await tx.query<[R[], number]>(sql, parameters);
  return rows;
}
