import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { CategoryService, type CategoryView } from '@storefront/catalog';
import { atLeastOneField } from '@storefront/service-runtime';
import { z } from 'zod';
import { CurrentMerchant } from '../auth/principal.decorators';
import { MerchantGuard } from '../auth/merchant.guard';
import type { MerchantPrincipal } from '../auth/principals';

const categoryFields = z.strictObject({
  name: z.string().trim().min(1, 'must not be empty').max(100),
  slug: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be lowercase letters and digits separated by hyphens').max(100),
  parentId: z.uuid('must be a category id').nullable(),
  position: z.number().int().min(0).max(1_000_000),
});
const createCategorySchema = categoryFields.partial({ slug: true, parentId: true, position: true });
const updateCategorySchema = atLeastOneField(categoryFields.partial());

@ApiTags('catalog')
@Controller('api/v1/categories')
@UseGuards(MerchantGuard)
export class CategoriesController {
  constructor(private readonly categories: CategoryService) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  create(
    @CurrentMerchant() merchant: MerchantPrincipal,
    @Body({ schema: createCategorySchema }) input: z.infer<typeof createCategorySchema>,
  ): Promise<CategoryView> {
    return this.categories.create(merchant.ctx, input);
  }

  @Get()
  async list(@CurrentMerchant() merchant: MerchantPrincipal): Promise<{ items: CategoryView[] }> {
    return { items: await this.categories.list(merchant.ctx) };
  }

  @Get(':id')
  get(@CurrentMerchant() merchant: MerchantPrincipal, @Param('id') id: string): Promise<CategoryView> {
    return this.categories.get(merchant.ctx, id);
  }

  @Patch(':id')
  update(
    @CurrentMerchant() merchant: MerchantPrincipal,
    @Param('id') id: string,
    @Body({ schema: updateCategorySchema }) change: z.infer<typeof updateCategorySchema>,
  ): Promise<CategoryView> {
    return this.categories.update(merchant.ctx, id, change);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  async remove(@CurrentMerchant() merchant: MerchantPrincipal, @Param('id') id: string): Promise<void> {
    await this.categories.remove(merchant.ctx, id);
  }
}
