import { isPostgresError, PostgresErrorCode, TenantEntity } from '@storefront/database';
import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { TEST_OWNER_LOGIN } from '@storefront/testing';
import { provisionTestTenant, useTestTenancy } from '../testing';
import type { TenancyServices } from './tenancy-services';
import type { TenantTransaction } from './tenant-unit-of-work';

/** A tenant entity as domain modules declare them: no schema, resolved through search_path. */
@Entity({ name: 'products' })
class ProductRow {
  @PrimaryGeneratedColumn('uuid')
  id!: string;
  @Column('text')
  slug!: string;
  @Column('text')
  title!: string;
  @Column('bigint', { name: 'price_amount' })
  priceAmount!: string;
  @Column('char', { length: 3 })
  currency!: string;
}

describe('tenant unit of work', () => {
  const fixture = useTestTenancy({ tenantEntities: [ProductRow] });

  async function insertProduct(ctx: Parameters<TenancyServices['unitOfWork']['run']>[0], title: string) {
    await fixture.tenancy.unitOfWork.run(ctx, (tx) =>
      tx.query(`INSERT INTO products (slug, title, price_amount, currency) VALUES ($1, $1, 1000, 'EUR')`, [title]),
    );
  }

  it("keeps each tenant's rows out of the other's reads", async () => {
    const a = await provisionTestTenant(fixture.tenancy);
    const b = await provisionTestTenant(fixture.tenancy);
    await insertProduct(a.ctx, 'only-in-a');
    await insertProduct(b.ctx, 'only-in-b');

    const titles = async (ctx: typeof a.ctx) =>
      fixture.tenancy.unitOfWork.run(ctx, async (tx) =>
        (await tx.query<{ title: string }[]>('SELECT title FROM products ORDER BY title')).map((r) => r.title),
      );
    expect(await titles(a.ctx)).toEqual(['only-in-a']);
    expect(await titles(b.ctx)).toEqual(['only-in-b']);
  });

  it("refuses a schema-qualified read of another tenant's table with a permission error", async () => {
    const a = await provisionTestTenant(fixture.tenancy);
    const b = await provisionTestTenant(fixture.tenancy);
    await insertProduct(b.ctx, 'secret-of-b');

    const attempt = fixture.tenancy.unitOfWork.run(a.ctx, (tx) => tx.query(`SELECT * FROM "${b.ctx.schema}".products`));
    await expect(attempt).rejects.toMatchObject({ driverError: { code: PostgresErrorCode.insufficientPrivilege } });
  });

  it('refuses reads of the platform registry and writes to the schema definition', async () => {
    const a = await provisionTestTenant(fixture.tenancy);
    const registryRead = fixture.tenancy.unitOfWork.run(a.ctx, (tx) => tx.query('SELECT * FROM platform.tenants'));
    await expect(registryRead).rejects.toMatchObject({ driverError: { code: PostgresErrorCode.insufficientPrivilege } });

    const dropTable = fixture.tenancy.unitOfWork.run(a.ctx, (tx) => tx.query('DROP TABLE products'));
    const error = await dropTable.catch((caught: unknown) => caught);
    expect(isPostgresError(error, PostgresErrorCode.insufficientPrivilege) || /must be owner/.test(String(error))).toBe(true);
  });

  it('leaves the pooled connection untouched after the transaction ends', async () => {
    const a = await provisionTestTenant(fixture.tenancy);
    await fixture.tenancy.unitOfWork.run(a.ctx, (tx) => tx.query('SELECT 1'));
    const rows = await fixture.clusters.primary.query('SELECT current_user AS role, current_setting($1) AS path', ['search_path']);
    expect(rows[0]).toEqual({ role: TEST_OWNER_LOGIN.user, path: 'platform' });
  });

  it('applies extra settings to its own transaction only, and refuses names outside its allowlist (the tenant switch cannot be undone)', async () => {
    const a = await provisionTestTenant(fixture.tenancy);
    const timeout = (tx: TenantTransaction) => tx.query<{ value: string }[]>("SELECT current_setting('statement_timeout') AS value");
    expect(await fixture.tenancy.unitOfWork.run(a.ctx, timeout, { statement_timeout: "1234ms'; --" }).catch((error: Error) => error.message)).toMatch(/invalid value/);
    expect(await fixture.tenancy.unitOfWork.run(a.ctx, timeout, { statement_timeout: '1234ms' })).toEqual([{ value: '1234ms' }]);
    expect(await fixture.tenancy.unitOfWork.run(a.ctx, timeout)).toEqual([{ value: '0' }]);
    await expect(async () => fixture.tenancy.unitOfWork.run(a.ctx, timeout, { 'statement_timeout = 0; RESET ROLE; --': '1' })).rejects.toThrow(/not a run-time parameter/);
    // Settings that would undo the tenant switch are refused, whatever their value.
    for (const name of ['role', 'search_path', 'session_authorization', 'ROLE']) {
      await expect(async () => fixture.tenancy.unitOfWork.run(a.ctx, timeout, { [name]: 'postgres' })).rejects.toThrow(/not a run-time parameter/);
    }
  });

  it('rolls back every write of a failed unit of work', async () => {
    const a = await provisionTestTenant(fixture.tenancy);
    const failing = fixture.tenancy.unitOfWork.run(a.ctx, async (tx) => {
      await tx.query(`INSERT INTO products (slug, title, price_amount, currency) VALUES ('kept?', 'kept?', 1, 'EUR')`);
      throw new Error('boom');
    });
    await expect(failing).rejects.toThrow('boom');
    const count = await fixture.tenancy.unitOfWork.run(a.ctx, (tx) => tx.query<{ n: string }[]>('SELECT count(*) AS n FROM products'));
    expect(count[0]!.n).toBe('0');
  });

  it('keeps repository saves inside the tenant transaction, so a later failure rolls them back', async () => {
    const a = await provisionTestTenant(fixture.tenancy);
    const failing = fixture.tenancy.unitOfWork.run(a.ctx, async (tx) => {
      await tx.getRepository(ProductRow).save({ slug: 'saved', title: 'Saved', priceAmount: '100', currency: 'EUR' });
      const [{ role }] = await tx.query<{ role: string }[]>('SELECT current_user AS role');
      expect(role).toBe(a.ctx.role);
      throw new Error('after save');
    });
    await expect(failing).rejects.toThrow('after save');
    const rows = await fixture.tenancy.unitOfWork.run(a.ctx, (tx) => tx.getRepository(ProductRow).find());
    expect(rows).toEqual([]);
  });

  it('supports a nested transaction (savepoint) inside the unit of work', async () => {
    const a = await provisionTestTenant(fixture.tenancy);
    await fixture.tenancy.unitOfWork.run(a.ctx, async (tx) => {
      await tx.getRepository(ProductRow).save({ slug: 'outer', title: 'Outer', priceAmount: '1', currency: 'EUR' });
      await tx
        .query('SAVEPOINT inner_work')
        .then(() => tx.query(`INSERT INTO products (slug, title, price_amount, currency) VALUES ('inner', 'Inner', 1, 'EUR')`))
        .then(() => tx.query('ROLLBACK TO SAVEPOINT inner_work'));
    });
    const slugs = await fixture.tenancy.unitOfWork.run(a.ctx, async (tx) => (await tx.getRepository(ProductRow).find()).map((p) => p.slug));
    expect(slugs).toEqual(['outer']);
  });

  it('refuses a platform entity repository inside a tenant unit of work', async () => {
    const a = await provisionTestTenant(fixture.tenancy);
    await expect(fixture.tenancy.unitOfWork.run(a.ctx, async (tx) => tx.getRepository(TenantEntity))).rejects.toThrow(/not a tenant entity/);
  });

  it('releases the connection to the pool in a clean state after a failed start', async () => {
    const a = await provisionTestTenant(fixture.tenancy);
    const bogus = { ...a.ctx, role: 't_00000000000000000000000000000000', schema: 't_00000000000000000000000000000000' };
    await expect(fixture.tenancy.unitOfWork.run(bogus, (tx) => tx.query('SELECT 1'))).rejects.toThrow();
    for (let i = 0; i < 12; i++) {
      await expect(fixture.tenancy.unitOfWork.run(a.ctx, (tx) => tx.query('SELECT 1 AS one'))).resolves.toEqual([{ one: 1 }]);
    }
  });

  it('runs after-commit callbacks only once the data is visible, and never after a rollback', async () => {
    const a = await provisionTestTenant(fixture.tenancy);
    const seen: number[] = [];
    await fixture.tenancy.unitOfWork.run(a.ctx, async (tx) => {
      await tx.query(`INSERT INTO products (slug, title, price_amount, currency) VALUES ('after', 'After', 1, 'EUR')`);
      tx.afterCommit(async () => {
        // Another connection sees the row: the callback runs after COMMIT.
        const rows = await fixture.tenancy.unitOfWork.run(a.ctx, (other) => other.query<{ n: string }[]>('SELECT count(*) AS n FROM products'));
        seen.push(Number(rows[0]!.n));
      });
    });
    const failing = fixture.tenancy.unitOfWork.run(a.ctx, async (tx) => {
      tx.afterCommit(() => void seen.push(-1));
      throw new Error('rolled back');
    });
    await expect(failing).rejects.toThrow('rolled back');
    expect(seen).toEqual([1]);
  });
});
