import type { TenantContext } from '@storefront/contracts';
import type { TenantTransaction, TenantUnitOfWork } from '@storefront/tenancy';
import { ignoreCatalogChanges, type CatalogChangeListener } from './catalog-change-listener';
import { CatalogConflictError, CatalogValidationError } from './catalog-errors';
import { findProductOrFail, findVariantOrFail } from './catalog-lookups';
import { VariantEntity } from './entities';
import { productDefinitionProblems } from './product-definition-rules';
import type { Money, VariantInput } from './product-input';
import type { TaxCategory } from '@storefront/pricing';
import { toVariantView, variantColumns, type VariantView } from './product-view';
import { uniqueViolationAsConflict } from './unique-violation';

export interface VariantChange {
  readonly sku?: string;
  /** null: sell at the product price again. */
  readonly price?: Money | null;
  readonly weightGrams?: number;
  /** null: the product's tax category again. */
  readonly taxCategory?: TaxCategory | null;
}

/** Variants of an existing product: added, changed (SKU, price) or removed one at a time. */
export class VariantService {
  constructor(
    private readonly uow: TenantUnitOfWork,
    private readonly onChange: CatalogChangeListener = ignoreCatalogChanges,
  ) {}

  async add(ctx: TenantContext, productId: string, input: VariantInput): Promise<VariantView> {
    return this.uow.run(ctx, async (tx) => {
      const product = await findProductOrFail(tx, productId);
      const variants = tx.getRepository(VariantEntity);
      const existing = await variants.find({ where: { productId }, order: { position: 'ASC' } });
      const all = [...existing.map((v) => ({ sku: v.sku, options: v.optionValues, stock: v.stock })), input];
      // The rules judge the whole product; only what concerns the new variant is reported, relative to its body.
      const prefix = `variants.${existing.length}.`;
      const price = { amount: product.priceAmount, currency: product.currency };
      const problems = productDefinitionProblems({ price, options: product.options, variants: all })
        .filter((p) => p.field.startsWith(prefix))
        .map((p) => ({ ...p, field: p.field.slice(prefix.length) }));
      if (problems.length > 0) throw new CatalogValidationError('the variant does not fit the product', problems);
      await this.assertSkuFree(tx, input.sku);

      const saved = await uniqueViolationAsConflict(
        () =>
          variants.save(
            variants.create({ productId, ...variantColumns(input), position: existing.length }),
          ),
        skuTaken,
      );
      await this.onChange(tx, { type: 'product.updated', productId });
      return toVariantView(saved, product.currency);
    });
  }

  async update(ctx: TenantContext, variantId: string, change: VariantChange): Promise<VariantView> {
    return this.uow.run(ctx, async (tx) => {
      const variant = await findVariantOrFail(tx, variantId);
      const product = await findProductOrFail(tx, variant.productId);
      if (change.price && change.price.currency !== product.currency) {
        throw new CatalogValidationError('the price is in another currency', [
          { field: 'price.currency', message: `must be the product currency ${product.currency}` },
        ]);
      }
      if (change.sku !== undefined && change.sku !== variant.sku) await this.assertSkuFree(tx, change.sku);
      const saved = await uniqueViolationAsConflict(
        () =>
          tx.getRepository(VariantEntity).save({
            ...variant,
            ...(change.sku !== undefined ? { sku: change.sku } : {}),
            ...(change.price !== undefined ? { priceAmount: change.price?.amount ?? null } : {}),
            ...(change.weightGrams !== undefined ? { weightGrams: change.weightGrams } : {}),
            ...(change.taxCategory !== undefined ? { taxCategory: change.taxCategory } : {}),
          }),
        skuTaken,
      );
      await this.onChange(tx, { type: 'product.updated', productId: product.id });
      return toVariantView(saved, product.currency);
    });
  }

  async remove(ctx: TenantContext, variantId: string): Promise<void> {
    await this.uow.run(ctx, async (tx) => {
      const variant = await findVariantOrFail(tx, variantId);
      const siblings = await tx.getRepository(VariantEntity).countBy({ productId: variant.productId });
      if (siblings === 1) {
        throw new CatalogConflictError('a product keeps at least one variant; delete the product instead');
      }
      await tx.getRepository(VariantEntity).delete({ id: variantId });
      await this.onChange(tx, { type: 'product.updated', productId: variant.productId });
    });
  }

  private async assertSkuFree(tx: TenantTransaction, sku: string): Promise<void> {
    if (await tx.getRepository(VariantEntity).existsBy({ sku })) {
      throw new CatalogConflictError('SKUs must be unique in the store', [{ field: 'sku', message: `SKU "${sku}" is taken` }]);
    }
  }
}

const skuTaken = (): CatalogConflictError =>
  new CatalogConflictError('a concurrent change took the same SKU', [{ field: 'sku', message: 'is taken' }]);
