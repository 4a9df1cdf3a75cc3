import type { TenantContext } from '@storefront/contracts';
import type { TenantTransaction, TenantUnitOfWork } from '@storefront/tenancy';
import { randomBytes } from 'node:crypto';
import { In, IsNull, Not } from 'typeorm';
import { ignoreCatalogChanges, type CatalogChangeListener } from './catalog-change-listener';
import { CatalogConflictError, CatalogNotFoundError, CatalogValidationError, ProductLimitReachedError } from './catalog-errors';
import { isCatalogId, slugFromTitle } from './catalog-ids';
import { findProductOrFail } from './catalog-lookups';
import { CategoryEntity, ProductCategoryEntity, ProductEntity, VariantEntity } from './entities';
import { duplicateSkuProblems, productDefinitionProblems } from './product-definition-rules';
import type { CreateProductInput, ProductListFilter, UpdateProductInput } from './product-input';
import { toProductView, variantColumns, type ProductView } from './product-view';
import { activeProductViewBySlug } from './product-view-query';
import { uniqueViolationAsConflict } from './unique-violation';

export interface ProductLimits {
  /** null: unlimited. */
  readonly maxProducts: number | null;
}

/** Products with their options, variants and categories, inside one tenant's schema. */
export class ProductService {
  constructor(
    private readonly uow: TenantUnitOfWork,
    private readonly onChange: CatalogChangeListener = ignoreCatalogChanges,
  ) {}

  async create(ctx: TenantContext, input: CreateProductInput, limits: ProductLimits = { maxProducts: null }): Promise<ProductView> {
    const problems = productDefinitionProblems(input);
    if (problems.length > 0) throw new CatalogValidationError('the product definition is inconsistent', problems);
    const duplicates = duplicateSkuProblems(input.variants);
    if (duplicates.length > 0) throw new CatalogConflictError('SKUs must be unique', duplicates);

    return this.uow.run(ctx, async (tx) => {
      if (limits.maxProducts !== null) await this.assertBelowLimit(tx, limits.maxProducts);
      await this.assertSkusFree(tx, input.variants.map((v) => v.sku));
      const categoryIds = await this.existingCategoryIds(tx, input.categoryIds ?? []);
      const slug = await this.freeSlug(tx, input.slug, input.title);

      const products = tx.getRepository(ProductEntity);
      const product = await uniqueViolationAsConflict(
        () =>
          products.save(
            products.create({
              slug,
              title: input.title,
              description: input.description ?? '',
              priceAmount: input.price.amount,
              currency: input.price.currency,
              taxCategory: input.taxCategory ?? 'standard',
              status: input.status ?? 'active',
              images: [...(input.images ?? [])],
              attributes: { ...(input.attributes ?? {}) },
              options: input.options.map((o) => ({ name: o.name, values: [...o.values] })),
            }),
          ),
        skuOrSlugTaken,
      );
      const variants = tx.getRepository(VariantEntity);
      const savedVariants = await uniqueViolationAsConflict(
        () =>
          variants.save(
            input.variants.map((v, position) =>
              variants.create({ productId: product.id, ...variantColumns(v), position }),
            ),
          ),
        skuOrSlugTaken,
      );
      await this.replaceCategories(tx, product.id, categoryIds);
      await this.onChange(tx, { type: 'product.created', productId: product.id });
      return toProductView(product, savedVariants, categoryIds);
    });
  }

  async get(ctx: TenantContext, productId: string): Promise<ProductView> {
    return this.uow.run(ctx, (tx) => this.load(tx, productId));
  }

  /** An active product by its URL slug, as shoppers address it. */
  async getActiveBySlug(ctx: TenantContext, slug: string): Promise<ProductView> {
    return this.uow.run(ctx, async (tx) => {
      const view = await activeProductViewBySlug(tx, slug);
      if (!view) throw new CatalogNotFoundError('product', slug);
      return view;
    });
  }

  async list(ctx: TenantContext, filter: ProductListFilter): Promise<{ items: ProductView[]; total: number }> {
    return this.uow.run(ctx, async (tx) => {
      const query = tx.getRepository(ProductEntity).createQueryBuilder('p');
      if (filter.status) query.andWhere('p.status = :status', { status: filter.status });
      if (filter.q) {
        query.andWhere(
          `(p.title ILIKE :pattern OR EXISTS (SELECT 1 FROM variants v WHERE v.product_id = p.id AND v.sku ILIKE :pattern))`,
          { pattern: `%${escapeLike(filter.q)}%` },
        );
      }
      if (filter.categoryId !== undefined) {
        if (!isCatalogId(filter.categoryId)) return { items: [], total: 0 };
        query.andWhere('EXISTS (SELECT 1 FROM product_categories pc WHERE pc.product_id = p.id AND pc.category_id = :categoryId)', {
          categoryId: filter.categoryId,
        });
      }
      const [products, total] = await query
        .orderBy('p.created_at', 'DESC')
        .addOrderBy('p.id', 'ASC')
        .skip((filter.page - 1) * filter.pageSize)
        .take(filter.pageSize)
        .getManyAndCount();
      const ids = products.map((p) => p.id);
      const variants = ids.length ? await tx.getRepository(VariantEntity).find({ where: { productId: In(ids) }, order: { position: 'ASC' } }) : [];
      const links = ids.length ? await tx.getRepository(ProductCategoryEntity).findBy({ productId: In(ids) }) : [];
      const items = products.map((p) =>
        toProductView(
          p,
          variants.filter((v) => v.productId === p.id),
          links.filter((l) => l.productId === p.id).map((l) => l.categoryId),
        ),
      );
      return { items, total };
    });
  }

  async update(ctx: TenantContext, productId: string, input: UpdateProductInput): Promise<ProductView> {
    return this.uow.run(ctx, async (tx) => {
      const product = await findProductOrFail(tx, productId);
      if (input.price && input.price.currency !== product.currency) {
        const overridden = await tx.getRepository(VariantEntity).countBy({ productId, priceAmount: Not(IsNull()) });
        if (overridden > 0) {
          throw new CatalogValidationError('variants carry prices in the current currency', [
            { field: 'price.currency', message: `must stay ${product.currency} while variants override the price` },
          ]);
        }
      }
      const categoryIds = input.categoryIds ? await this.existingCategoryIds(tx, input.categoryIds) : undefined;
      await tx.getRepository(ProductEntity).save({
        ...product,
        ...(input.title !== undefined ? { title: input.title } : {}),
        ...(input.description !== undefined ? { description: input.description } : {}),
        ...(input.price ? { priceAmount: input.price.amount, currency: input.price.currency } : {}),
        ...(input.status ? { status: input.status } : {}),
        ...(input.taxCategory ? { taxCategory: input.taxCategory } : {}),
        ...(input.images ? { images: [...input.images] } : {}),
        ...(input.attributes ? { attributes: { ...input.attributes } } : {}),
      });
      if (categoryIds) await this.replaceCategories(tx, productId, categoryIds);
      await this.onChange(tx, { type: 'product.updated', productId });
      return this.load(tx, productId);
    });
  }

  async remove(ctx: TenantContext, productId: string): Promise<void> {
    await this.uow.run(ctx, async (tx) => {
      await findProductOrFail(tx, productId);
      await tx.getRepository(ProductEntity).delete({ id: productId });
      await this.onChange(tx, { type: 'product.deleted', productId });
    });
  }

  private async load(tx: TenantTransaction, productId: string): Promise<ProductView> {
    return this.viewOf(tx, await findProductOrFail(tx, productId));
  }

  private async viewOf(tx: TenantTransaction, product: ProductEntity): Promise<ProductView> {
    const variants = await tx.getRepository(VariantEntity).find({ where: { productId: product.id }, order: { position: 'ASC' } });
    const links = await tx.getRepository(ProductCategoryEntity).findBy({ productId: product.id });
    return toProductView(product, variants, links.map((l) => l.categoryId));
  }

  /**
   * Archived products do not count. Serialises creates per tenant, so two concurrent requests
   * cannot both take the last slot.
   */
  private async assertBelowLimit(tx: TenantTransaction, maxProducts: number): Promise<void> {
    await tx.query('SELECT pg_advisory_xact_lock(hashtext(current_schema() || $1))', [':products']);
    const count = await tx.getRepository(ProductEntity).countBy({ status: Not('archived' as const) });
    if (count >= maxProducts) throw new ProductLimitReachedError(maxProducts);
  }

  private async assertSkusFree(tx: TenantTransaction, skus: readonly string[]): Promise<void> {
    const taken = new Set((await tx.getRepository(VariantEntity).findBy({ sku: In([...skus]) })).map((v) => v.sku));
    const problems = skus.flatMap((sku, i) => (taken.has(sku) ? [{ field: `variants.${i}.sku`, message: `SKU "${sku}" is taken` }] : []));
    if (problems.length > 0) throw new CatalogConflictError('SKUs must be unique in the store', problems);
  }

  private async existingCategoryIds(tx: TenantTransaction, requested: readonly string[]): Promise<string[]> {
    const wellFormed = requested.filter(isCatalogId);
    const found = new Set(
      wellFormed.length ? (await tx.getRepository(CategoryEntity).findBy({ id: In(wellFormed) })).map((c) => c.id) : [],
    );
    const problems = requested.flatMap((id, i) => (found.has(id) ? [] : [{ field: `categoryIds.${i}`, message: 'no such category' }]));
    if (problems.length > 0) throw new CatalogValidationError('unknown categories', problems);
    return [...new Set(requested)];
  }

  private async replaceCategories(tx: TenantTransaction, productId: string, categoryIds: readonly string[]): Promise<void> {
    const links = tx.getRepository(ProductCategoryEntity);
    await links.delete({ productId });
    if (categoryIds.length > 0) await links.insert(categoryIds.map((categoryId) => ({ productId, categoryId })));
  }

  /** A chosen slug must be free; a derived one gets a short suffix when the plain one is taken. */
  private async freeSlug(tx: TenantTransaction, requested: string | undefined, title: string): Promise<string> {
    const products = tx.getRepository(ProductEntity);
    if (requested !== undefined) {
      if (await products.existsBy({ slug: requested })) {
        throw new CatalogConflictError('the product slug is taken', [{ field: 'slug', message: `"${requested}" is taken` }]);
      }
      return requested;
    }
    const base = slugFromTitle(title);
    return (await products.existsBy({ slug: base })) ? `${base}-${randomBytes(3).toString('hex')}` : base;
  }
}

const skuOrSlugTaken = (constraint: string): CatalogConflictError =>
  new CatalogConflictError('a concurrent change took the same SKU or slug', [
    { field: constraint.startsWith('variants') ? 'variants' : 'slug', message: 'is taken' },
  ]);

function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}
