import { CATALOG_ENTITIES } from '@storefront/catalog';
import { seedVariant } from '@storefront/orders/testing';
import { purgeExpiredRows } from '@storefront/tenancy';
import { provisionTestTenant, useTestTenancy } from '@storefront/tenancy/testing';
import { abandonedCartsRetention } from './abandoned-carts-retention';
import { CartService } from './cart.service';
import { SHOPPING_ENTITIES } from './entities';

describe('abandoned anonymous carts', () => {
  const env = useTestTenancy({ tenantEntities: [...CATALOG_ENTITIES, ...SHOPPING_ENTITIES] });

  it.each([
    ['a quantity change', (carts: CartService, ...args: Parameters<CartService['updateLine']>) => carts.updateLine(...args)],
    ['a removed line', (carts: CartService, ...[ctx, cartId, lineId]: Parameters<CartService['updateLine']>) => carts.removeLine(ctx, cartId, lineId)],
  ])('keeps a cart whose last activity was %s, however old the cart', async (_change, change) => {
    const { ctx } = await provisionTestTenant(env.tenancy);
    const carts = new CartService(env.tenancy.unitOfWork);
    const [first, second] = [await seedVariant(env.tenancy, ctx, { stock: 5 }), await seedVariant(env.tenancy, ctx, { stock: 5 })];
    const cart = await carts.addItem(ctx, null, { sku: first, quantity: 1 });
    const withTwo = await carts.addItem(ctx, cart.id, { sku: second, quantity: 1 });
    await env.tenancy.unitOfWork.run(ctx, (tx) => tx.query(`UPDATE carts SET updated_at = now() - interval '10 days'`));

    await change(carts, ctx, cart.id, withTwo.lines[0]!.id, 2);
    expect(await purgeExpiredRows(env.tenancy.unitOfWork, ctx, abandonedCartsRetention(24))).toBe(0);
    expect((await carts.view(ctx, cart.id)).lines.length).toBeGreaterThan(0);
  });
});
