import type { TenantTransaction } from '@storefront/tenancy';
import { CatalogNotFoundError } from './catalog-errors';
import { isCatalogId } from './catalog-ids';
import { ProductEntity, VariantEntity } from './entities';

/** The tenant's product, or CatalogNotFoundError (another tenant's id never resolves here). */
export async function findProductOrFail(tx: TenantTransaction, productId: string): Promise<ProductEntity> {
  const product = isCatalogId(productId) ? await tx.getRepository(ProductEntity).findOneBy({ id: productId }) : null;
  if (!product) throw new CatalogNotFoundError('product', productId);
  return product;
}

/** The tenant's variant, row-locked when `forUpdate` (stock changes), or CatalogNotFoundError. */
export async function findVariantOrFail(tx: TenantTransaction, variantId: string, forUpdate = false): Promise<VariantEntity> {
  const variant = isCatalogId(variantId)
    ? await tx.getRepository(VariantEntity).findOne({ where: { id: variantId }, ...(forUpdate ? { lock: { mode: 'pessimistic_write' } } : {}) })
    : null;
  if (!variant) throw new CatalogNotFoundError('variant', variantId);
  return variant;
}
