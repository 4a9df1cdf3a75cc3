import { provisionTestTenant, useTestTenancy } from '@storefront/tenancy/testing';
import { CategoryService } from './category.service';
import { CATALOG_ENTITIES } from './entities';
import { ProductService } from './product.service';

describe('product view in one statement (the shopper read path)', () => {
  const env = useTestTenancy({ tenantEntities: [...CATALOG_ENTITIES] });

  it('builds exactly the view the entity path builds, and only for active products', async () => {
    const { ctx } = await provisionTestTenant(env.tenancy);
    const products = new ProductService(env.tenancy.unitOfWork);
    const categories = new CategoryService(env.tenancy.unitOfWork);
    const hats = await categories.create(ctx, { name: 'Hats' });
    const winter = await categories.create(ctx, { name: 'Winter' });
    const beanie = await products.create(ctx, {
      title: 'Wool Beanie "Åsa" <b>',
      description: 'Warm & soft',
      price: { amount: 2_499, currency: 'EUR' },
      images: ['https://img.test/beanie.jpg'],
      attributes: { material: 'wool', weightGrams: 80, handmade: true },
      options: [{ name: 'Colour', values: ['Red', 'Navy', 'Grey'] }],
      // Out of position order on purpose, one with its own price.
      variants: [
        { sku: 'BEANIE-GREY', options: { Colour: 'Grey' }, stock: 0 },
        { sku: 'BEANIE-RED', options: { Colour: 'Red' }, stock: 4, price: { amount: 2_999, currency: 'EUR' } },
        { sku: 'BEANIE-NAVY', options: { Colour: 'Navy' }, stock: 9 },
      ],
      categoryIds: [hats.id, winter.id],
    });

    const bySlug = await products.getActiveBySlug(ctx, beanie.slug);
    expect(bySlug).toEqual(await products.get(ctx, beanie.id));
    expect(bySlug.variants.map((variant) => variant.sku)).toEqual(beanie.variants.map((variant) => variant.sku));

    await products.update(ctx, beanie.id, { status: 'draft' });
    await expect(products.getActiveBySlug(ctx, beanie.slug)).rejects.toMatchObject({ name: 'CatalogNotFoundError' });
    await expect(products.getActiveBySlug(ctx, "nope' OR 1=1 --")).rejects.toMatchObject({ name: 'CatalogNotFoundError' });
  });
});
