import type { TenantContext } from '@storefront/contracts';
import type { TenantTransaction, TenantUnitOfWork } from '@storefront/tenancy';
import { ignoreCatalogChanges, type CatalogChangeListener } from './catalog-change-listener';
import { CatalogConflictError, CatalogNotFoundError, CatalogValidationError } from './catalog-errors';
import { isCatalogId, slugFromTitle } from './catalog-ids';
import { CategoryEntity } from './entities';
import { uniqueViolationAsConflict } from './unique-violation';

export interface CategoryInput {
  readonly name: string;
  readonly slug?: string;
  readonly parentId?: string | null;
  readonly position?: number;
}

export interface CategoryView {
  readonly id: string;
  readonly slug: string;
  readonly name: string;
  readonly parentId: string | null;
  readonly position: number;
}

/** Categories of one tenant's catalog, optionally nested. */
export class CategoryService {
  constructor(
    private readonly uow: TenantUnitOfWork,
    private readonly onChange: CatalogChangeListener = ignoreCatalogChanges,
  ) {}

  async create(ctx: TenantContext, input: CategoryInput): Promise<CategoryView> {
    return this.uow.run(ctx, async (tx) => {
      if (input.parentId) await this.assertParent(tx, input.parentId);
      const categories = tx.getRepository(CategoryEntity);
      const category = await uniqueViolationAsConflict(
        () =>
          categories.save(
            categories.create({
              name: input.name,
              slug: input.slug ?? slugFromTitle(input.name),
              parentId: input.parentId ?? null,
              position: input.position ?? 0,
            }),
          ),
        slugTaken,
      );
      return toCategoryView(category);
    });
  }

  async list(ctx: TenantContext): Promise<CategoryView[]> {
    return this.uow.run(ctx, async (tx) =>
      (await tx.getRepository(CategoryEntity).find({ order: { position: 'ASC', name: 'ASC' } })).map(toCategoryView),
    );
  }

  async get(ctx: TenantContext, categoryId: string): Promise<CategoryView> {
    return this.uow.run(ctx, async (tx) => toCategoryView(await this.find(tx, categoryId)));
  }

  async update(ctx: TenantContext, categoryId: string, input: Partial<CategoryInput>): Promise<CategoryView> {
    return this.uow.run(ctx, async (tx) => {
      const category = await this.find(tx, categoryId);
      if (input.parentId) {
        if (input.parentId === categoryId) {
          throw new CatalogValidationError('a category cannot be its own parent', [{ field: 'parentId', message: 'is this category' }]);
        }
        await this.assertParent(tx, input.parentId);
      }
      const saved = await uniqueViolationAsConflict(
        () =>
          tx.getRepository(CategoryEntity).save({
            ...category,
            ...(input.name !== undefined ? { name: input.name } : {}),
            ...(input.slug !== undefined ? { slug: input.slug } : {}),
            ...(input.parentId !== undefined ? { parentId: input.parentId } : {}),
            ...(input.position !== undefined ? { position: input.position } : {}),
          }),
        slugTaken,
      );
      if (saved.name !== category.name) await this.onChange(tx, { type: 'category.updated', categoryId });
      return toCategoryView(saved);
    });
  }

  async remove(ctx: TenantContext, categoryId: string): Promise<void> {
    await this.uow.run(ctx, async (tx) => {
      await this.find(tx, categoryId);
      await tx.getRepository(CategoryEntity).delete({ id: categoryId });
      await this.onChange(tx, { type: 'category.deleted', categoryId });
    });
  }

  private async find(tx: TenantTransaction, categoryId: string): Promise<CategoryEntity> {
    const category = isCatalogId(categoryId) ? await tx.getRepository(CategoryEntity).findOneBy({ id: categoryId }) : null;
    if (!category) throw new CatalogNotFoundError('category', categoryId);
    return category;
  }

  private async assertParent(tx: TenantTransaction, parentId: string): Promise<void> {
    const exists = isCatalogId(parentId) && (await tx.getRepository(CategoryEntity).existsBy({ id: parentId }));
    if (!exists) throw new CatalogValidationError('unknown parent category', [{ field: 'parentId', message: 'no such category' }]);
  }
}

function toCategoryView(category: CategoryEntity): CategoryView {
  return { id: category.id, slug: category.slug, name: category.name, parentId: category.parentId, position: category.position };
}

const slugTaken = (): CatalogConflictError =>
  new CatalogConflictError('the category slug is taken', [{ field: 'slug', message: 'is taken' }]);
