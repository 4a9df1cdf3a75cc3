import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post, Query, UseGuards } from '@nestjs/common';
import { ApiTags } from '@nestjs/swagger';
import { ProductService, type ProductView } from '@storefront/catalog';
import type { z } from 'zod';
import { CurrentMerchant } from '../auth/principal.decorators';
import { MerchantGuard } from '../auth/merchant.guard';
import type { MerchantPrincipal } from '../auth/principals';
import { PlanLimits } from '../plans/plan-limits';
import { createProductSchema, productListQuerySchema, updateProductSchema } from './product.schemas';
import type { Page } from '@storefront/contracts';

@ApiTags('catalog')
@Controller('api/v1/products')
@UseGuards(MerchantGuard)
export class ProductsController {
  constructor(
    private readonly products: ProductService,
    private readonly plans: PlanLimits,
  ) {}

  @Post()
  @HttpCode(HttpStatus.CREATED)
  async create(
    @CurrentMerchant() merchant: MerchantPrincipal,
    @Body({ schema: createProductSchema }) input: z.infer<typeof createProductSchema>,
  ): Promise<ProductView> {
    return this.products.create(merchant.ctx, input, await this.plans.productLimits(merchant.tenant.plan));
  }

  @Get()
  async list(
    @CurrentMerchant() merchant: MerchantPrincipal,
    @Query({ schema: productListQuerySchema }) query: z.infer<typeof productListQuerySchema>,
  ): Promise<Page<ProductView>> {
    const { category, ...filter } = query;
    const result = await this.products.list(merchant.ctx, { ...filter, ...(category !== undefined ? { categoryId: category } : {}) });
    return { ...result, page: query.page, pageSize: query.pageSize };
  }

  @Get(':id')
  get(@CurrentMerchant() merchant: MerchantPrincipal, @Param('id') id: string): Promise<ProductView> {
    return this.products.get(merchant.ctx, id);
  }

  @Patch(':id')
  update(
    @CurrentMerchant() merchant: MerchantPrincipal,
    @Param('id') id: string,
    @Body({ schema: updateProductSchema }) change: z.infer<typeof updateProductSchema>,
  ): Promise<ProductView> {
    return this.products.update(merchant.ctx, id, change);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  async remove(@CurrentMerchant() merchant: MerchantPrincipal, @Param('id') id: string): Promise<void> {
    await this.products.remove(merchant.ctx, id);
  }
}
