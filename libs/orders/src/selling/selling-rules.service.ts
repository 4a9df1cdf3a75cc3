import type { DiscountCodeValue, DiscountCodeView, PromotionView, SaleView, ShippingMethod, ShippingZoneView, TenantContext } from '@storefront/contracts';
import { isPostgresError, PostgresErrorCode } from '@storefront/database';
import type { TenantTransaction, TenantUnitOfWork } from '@storefront/tenancy';
import { toAmount } from '../money';
import { SellingRuleConflictError, SellingRuleNotFoundError } from './selling-rules-errors';

// What the merchant API answers; the inputs below are what it accepts, validated.
export type { DiscountCodeView, PromotionView, SaleView, ShippingZoneView } from '@storefront/contracts';

/** A method with an `id` of this zone is kept (shoppers' choices stay valid); one without is new. */
export type ShippingZoneInput = Omit<ShippingZoneView, 'id' | 'methods'> & { readonly methods: readonly (Omit<ShippingMethod, 'id'> & { readonly id?: string })[] };

interface Scheduled {
  readonly startsAt: string | null;
  readonly endsAt: string | null;
}

export interface DiscountCodeInput extends Scheduled {
  readonly code: string;
  readonly value: DiscountCodeValue;
  readonly minSubtotalAmount: number;
  readonly usageLimit: number | null;
  readonly perCustomerLimit: number | null;
}

export type PromotionInput = Scheduled & { readonly name: string; readonly percentBp: number } & (
    | { readonly kind: 'category_percent'; readonly categoryId: string }
    | { readonly kind: 'buy_x_get_y'; readonly categoryId: string | null; readonly buyQuantity: number; readonly getQuantity: number }
  );

export interface SaleInput {
  readonly name: string;
  readonly startsAt: string;
  readonly endsAt: string;
  readonly perCustomerLimit: number | null;
  readonly prices: readonly { readonly variantId: string; readonly saleAmount: number; readonly stockCap: number | null }[];
}

const ZONE_SELECT = `
  SELECT z.id, z.name, z.countries, z.regions, z.postal_prefixes AS "postalPrefixes", z.shipping_taxable AS "shippingTaxable",
         (SELECT coalesce(json_agg(json_build_object('category', r.category, 'ratePpm', r.rate_ppm, 'label', r.label) ORDER BY r.category), '[]')
            FROM tax_rates r WHERE r.zone_id = z.id) AS "taxRates",
         (SELECT coalesce(json_agg(json_build_object('id', m.id, 'name', m.name, 'rate', m.rate, 'freeOverAmount', m.free_over_amount) ORDER BY m.created_at, m.id), '[]')
            FROM shipping_methods m WHERE m.zone_id = z.id) AS methods
    FROM shipping_zones z`;

const CODE_SELECT = `
  SELECT id, code, kind, percent_bp, amount, min_subtotal_amount, starts_at, ends_at,
         usage_limit, per_customer_limit, (SELECT count(*)::int FROM discount_redemptions r WHERE r.code_id = discount_codes.id) AS times_used
    FROM discount_codes`;

const PROMOTION_SELECT = `
  SELECT id, name, kind, category_id, percent_bp, buy_quantity, get_quantity, starts_at, ends_at FROM promotions`;

const SALE_SELECT = `
  SELECT s.id, s.name, s.starts_at, s.ends_at, s.per_customer_limit,
         (SELECT coalesce(json_agg(json_build_object('variantId', sp.variant_id, 'sku', v.sku, 'saleAmount', sp.sale_amount, 'stockCap', sp.stock_cap, 'sold', sp.sold)
                  ORDER BY v.sku), '[]') FROM sale_prices sp JOIN variants v ON v.id = sp.variant_id WHERE sp.sale_id = s.id) AS prices
    FROM sales s`;

/**
 * The merchant's side of the selling rules (tenant migration 0016): zones with their methods and
 * tax rates, codes, automatic promotions, scheduled sales and whether prices include tax. Input
 * arrives validated by the API's schemas; what only the database knows (a taken code, a variant
 * or category of another store) comes back as a conflict naming the field.
 */
export class SellingRulesService {
  constructor(private readonly unitOfWork: TenantUnitOfWork) {}

  async taxSettings(ctx: TenantContext): Promise<{ pricesIncludeTax: boolean }> {
    const [row] = await this.unitOfWork.run(ctx, (tx) => tx.query<{ prices_include_tax: boolean }[]>('SELECT prices_include_tax FROM store_settings WHERE id = 1'));
    return { pricesIncludeTax: row?.prices_include_tax ?? false };
  }

  async setTaxSettings(ctx: TenantContext, settings: { pricesIncludeTax: boolean }): Promise<{ pricesIncludeTax: boolean }> {
    await this.unitOfWork.run(ctx, (tx) => tx.query('UPDATE store_settings SET prices_include_tax = $1, updated_at = now() WHERE id = 1', [settings.pricesIncludeTax]));
    return settings;
  }

  listZones(ctx: TenantContext): Promise<ShippingZoneView[]> {
    return this.unitOfWork.run(ctx, (tx) => tx.query<ShippingZoneView[]>(`${ZONE_SELECT} ORDER BY z.created_at, z.id`));
  }

  getZone(ctx: TenantContext, id: string): Promise<ShippingZoneView> {
    return this.unitOfWork.run(ctx, (tx) => this.zoneIn(tx, id));
  }

  createZone(ctx: TenantContext, input: ShippingZoneInput): Promise<ShippingZoneView> {
    return this.unitOfWork.run(ctx, async (tx) => {
      const [zone] = await tx.query<{ id: string }[]>('INSERT INTO shipping_zones (name, countries, regions, postal_prefixes, shipping_taxable) VALUES ($1, $2, $3, $4, $5) RETURNING id', [
        input.name,
        input.countries,
        input.regions,
        input.postalPrefixes,
        input.shippingTaxable,
      ]);
      await this.writeZoneParts(tx, zone!.id, input);
      return this.zoneIn(tx, zone!.id);
    });
  }

  /** Replaces the zone as a whole; methods named by id keep their ids. */
  replaceZone(ctx: TenantContext, id: string, input: ShippingZoneInput): Promise<ShippingZoneView> {
    return this.unitOfWork.run(ctx, async (tx) => {
      await this.zoneIn(tx, id, { lock: true });
      await tx.query('UPDATE shipping_zones SET name = $2, countries = $3, regions = $4, postal_prefixes = $5, shipping_taxable = $6 WHERE id = $1', [
        id,
        input.name,
        input.countries,
        input.regions,
        input.postalPrefixes,
        input.shippingTaxable,
      ]);
      await this.writeZoneParts(tx, id, input);
      return this.zoneIn(tx, id);
    });
  }

  async deleteZone(ctx: TenantContext, id: string): Promise<void> {
    await this.deleteFrom(ctx, 'shipping_zones', 'shipping zone', id);
  }

  listCodes(ctx: TenantContext): Promise<DiscountCodeView[]> {
    return this.unitOfWork.run(ctx, async (tx) => (await tx.query<CodeRow[]>(`${CODE_SELECT} ORDER BY created_at DESC, id`)).map(toCodeView));
  }

  getCode(ctx: TenantContext, id: string): Promise<DiscountCodeView> {
    return this.unitOfWork.run(ctx, (tx) => this.codeIn(tx, id));
  }

  createCode(ctx: TenantContext, input: DiscountCodeInput): Promise<DiscountCodeView> {
    return this.writeCode(ctx, null, input);
  }

  /** Replaces the code's terms; its use count stays (a limit under it refuses further uses). */
  replaceCode(ctx: TenantContext, id: string, input: DiscountCodeInput): Promise<DiscountCodeView> {
    return this.writeCode(ctx, id, input);
  }

  async deleteCode(ctx: TenantContext, id: string): Promise<void> {
    await this.deleteFrom(ctx, 'discount_codes', 'discount code', id);
  }

  listPromotions(ctx: TenantContext): Promise<PromotionView[]> {
    return this.unitOfWork.run(ctx, async (tx) => (await tx.query<PromotionRow[]>(`${PROMOTION_SELECT} ORDER BY created_at, id`)).map(toPromotionView));
  }

  getPromotion(ctx: TenantContext, id: string): Promise<PromotionView> {
    return this.unitOfWork.run(ctx, (tx) => this.promotionIn(tx, id));
  }

  createPromotion(ctx: TenantContext, input: PromotionInput): Promise<PromotionView> {
    return this.writePromotion(ctx, null, input);
  }

  replacePromotion(ctx: TenantContext, id: string, input: PromotionInput): Promise<PromotionView> {
    return this.writePromotion(ctx, id, input);
  }

  async deletePromotion(ctx: TenantContext, id: string): Promise<void> {
    await this.deleteFrom(ctx, 'promotions', 'promotion', id);
  }

  listSales(ctx: TenantContext): Promise<SaleView[]> {
    return this.unitOfWork.run(ctx, async (tx) => (await tx.query<SaleRow[]>(`${SALE_SELECT} ORDER BY s.starts_at DESC, s.id`)).map(toSaleView));
  }

  getSale(ctx: TenantContext, id: string): Promise<SaleView> {
    return this.unitOfWork.run(ctx, (tx) => this.saleIn(tx, id));
  }

  createSale(ctx: TenantContext, input: SaleInput): Promise<SaleView> {
    return this.writeSale(ctx, null, input);
  }

  /** Replaces the sale; units already sold at a variant's sale price stay counted against its cap. */
  replaceSale(ctx: TenantContext, id: string, input: SaleInput): Promise<SaleView> {
    return this.writeSale(ctx, id, input);
  }

  async deleteSale(ctx: TenantContext, id: string): Promise<void> {
    await this.deleteFrom(ctx, 'sales', 'sale', id);
  }

  private async writeZoneParts(tx: TenantTransaction, zoneId: string, input: ShippingZoneInput): Promise<void> {
    await tx.query('DELETE FROM tax_rates WHERE zone_id = $1', [zoneId]);
    await tx.query(
      `INSERT INTO tax_rates (zone_id, category, rate_ppm, label) SELECT $1, * FROM unnest($2::text[], $3::int[], $4::text[])`,
      [zoneId, input.taxRates.map((r) => r.category), input.taxRates.map((r) => r.ratePpm), input.taxRates.map((r) => r.label)],
    );
    const kept = input.methods.flatMap((method) => (method.id ? [method.id] : []));
    const [owned] = await tx.query<{ n: number }[]>('SELECT count(*)::int AS n FROM shipping_methods WHERE zone_id = $1 AND id = ANY($2::uuid[])', [zoneId, kept]);
    if (owned!.n !== new Set(kept).size) {
      throw new SellingRuleConflictError('a method id names no method of this zone', [{ field: 'methods', message: 'leave out the id of a new method' }]);
    }
    await tx.query('DELETE FROM shipping_methods WHERE zone_id = $1 AND NOT (id = ANY($2::uuid[]))', [zoneId, kept]);
    for (const method of input.methods) {
      const values = [method.name, JSON.stringify(method.rate), method.freeOverAmount];
      if (method.id) await tx.query('UPDATE shipping_methods SET name = $2, rate = $3, free_over_amount = $4 WHERE id = $1', [method.id, ...values]);
      else await tx.query('INSERT INTO shipping_methods (zone_id, name, rate, free_over_amount) VALUES ($1, $2, $3, $4)', [zoneId, ...values]);
    }
  }

  private writeCode(ctx: TenantContext, id: string | null, input: DiscountCodeInput): Promise<DiscountCodeView> {
    const value = input.value;
    const params = [
      input.code,
      value.kind,
      value.kind === 'percent' ? value.percentBp : null,
      value.kind === 'fixed' ? value.amount : null,
      input.minSubtotalAmount,
      input.startsAt,
      input.endsAt,
      input.usageLimit,
      input.perCustomerLimit,
    ];
    return this.unitOfWork.run(ctx, async (tx) => {
      try {
        if (id === null) {
          const [row] = await tx.query<{ id: string }[]>(
            `INSERT INTO discount_codes (code, kind, percent_bp, amount, min_subtotal_amount, starts_at, ends_at, usage_limit, per_customer_limit)
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING id`,
            params,
          );
          return this.codeIn(tx, row!.id);
        }
        await this.codeIn(tx, id, { lock: true });
        await tx.query(
          // A limit set later counts the uses so far (the counter is kept only under a limit).
          `UPDATE discount_codes SET code = $2, kind = $3, percent_bp = $4, amount = $5, min_subtotal_amount = $6, starts_at = $7, ends_at = $8,
                  usage_limit = $9, per_customer_limit = $10, times_used = (SELECT count(*) FROM discount_redemptions WHERE code_id = $1) WHERE id = $1`,
          [id, ...params],
        );
        return this.codeIn(tx, id);
      } catch (error) {
        if (isPostgresError(error, PostgresErrorCode.uniqueViolation)) throw new SellingRuleConflictError(`the code ${input.code} exists already`, [{ field: 'code', message: 'is taken' }]);
        if (isPostgresError(error, PostgresErrorCode.checkViolation)) {
          throw new SellingRuleConflictError('the code has been used more often than that limit', [{ field: 'usageLimit', message: 'is below the uses so far' }]);
        }
        throw error;
      }
    });
  }

  private writePromotion(ctx: TenantContext, id: string | null, input: PromotionInput): Promise<PromotionView> {
    const params = [
      input.name,
      input.kind,
      input.categoryId,
      input.percentBp,
      input.kind === 'buy_x_get_y' ? input.buyQuantity : null,
      input.kind === 'buy_x_get_y' ? input.getQuantity : null,
      input.startsAt,
      input.endsAt,
    ];
    return this.unitOfWork.run(ctx, async (tx) => {
      await this.assertCategory(tx, input.categoryId);
      if (id === null) {
        const [row] = await tx.query<{ id: string }[]>(
          `INSERT INTO promotions (name, kind, category_id, percent_bp, buy_quantity, get_quantity, starts_at, ends_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
          params,
        );
        return this.promotionIn(tx, row!.id);
      }
      await this.promotionIn(tx, id, { lock: true });
      await tx.query(
        `UPDATE promotions SET name = $2, kind = $3, category_id = $4, percent_bp = $5, buy_quantity = $6, get_quantity = $7, starts_at = $8, ends_at = $9 WHERE id = $1`,
        [id, ...params],
      );
      return this.promotionIn(tx, id);
    });
  }

  private writeSale(ctx: TenantContext, id: string | null, input: SaleInput): Promise<SaleView> {
    return this.unitOfWork.run(ctx, async (tx) => {
      const variantIds = input.prices.map((price) => price.variantId);
      const known = await tx.query<{ id: string }[]>('SELECT id FROM variants WHERE id = ANY($1::uuid[])', [variantIds]);
      const unknown = input.prices.flatMap((price, i) => (known.some((row) => row.id === price.variantId) ? [] : [{ field: `prices.${i}.variantId`, message: 'names no variant of this store' }]));
      if (unknown.length > 0) throw new SellingRuleConflictError('some variants are not in this store', unknown);
      const params = [input.name, input.startsAt, input.endsAt, input.perCustomerLimit];
      let saleId = id;
      if (saleId === null) {
        const [row] = await tx.query<{ id: string }[]>('INSERT INTO sales (name, starts_at, ends_at, per_customer_limit) VALUES ($1, $2, $3, $4) RETURNING id', params);
        saleId = row!.id;
      } else {
        await this.saleIn(tx, saleId, { lock: true });
        await tx.query('UPDATE sales SET name = $2, starts_at = $3, ends_at = $4, per_customer_limit = $5 WHERE id = $1', [saleId, ...params]);
      }
      // In key order, as checkout and the release trigger lock them.
      await tx.query('SELECT 1 FROM sale_prices WHERE sale_id = $1 ORDER BY variant_id FOR UPDATE', [saleId]);
      await tx.query('DELETE FROM sale_prices WHERE sale_id = $1 AND NOT (variant_id = ANY($2::uuid[]))', [saleId, variantIds]);
      try {
        await tx.query(
          `INSERT INTO sale_prices (sale_id, variant_id, sale_amount, stock_cap) SELECT $1, * FROM unnest($2::uuid[], $3::bigint[], $4::int[])
           ON CONFLICT (sale_id, variant_id) DO UPDATE SET sale_amount = excluded.sale_amount, stock_cap = excluded.stock_cap`,
          [saleId, variantIds, input.prices.map((p) => p.saleAmount), input.prices.map((p) => p.stockCap)],
        );
      } catch (error) {
        if (!isPostgresError(error, PostgresErrorCode.checkViolation)) throw error;
        throw new SellingRuleConflictError('a stock cap is below the units already sold in this sale', [{ field: 'prices', message: 'a stock cap is below the units sold' }]);
      }
      return this.saleIn(tx, saleId);
    });
  }

  private async assertCategory(tx: TenantTransaction, categoryId: string | null): Promise<void> {
    if (categoryId === null) return;
    const [row] = await tx.query<{ id: string }[]>('SELECT id FROM categories WHERE id = $1', [categoryId]);
    if (!row) throw new SellingRuleConflictError('the category is not in this store', [{ field: 'categoryId', message: 'names no category of this store' }]);
  }

  private async zoneIn(tx: TenantTransaction, id: string, options: { lock?: boolean } = {}): Promise<ShippingZoneView> {
    const [row] = await tx.query<ShippingZoneView[]>(`${ZONE_SELECT} WHERE z.id = $1 ${options.lock ? 'FOR UPDATE OF z' : ''}`, [id]);
    if (!row) throw new SellingRuleNotFoundError('shipping zone', id);
    return { ...row, methods: row.methods.map((m) => ({ ...m, freeOverAmount: m.freeOverAmount === null ? null : Number(m.freeOverAmount) })) };
  }

  private async codeIn(tx: TenantTransaction, id: string, options: { lock?: boolean } = {}): Promise<DiscountCodeView> {
    const [row] = await tx.query<CodeRow[]>(`${CODE_SELECT} WHERE id = $1 ${options.lock ? 'FOR UPDATE' : ''}`, [id]);
    if (!row) throw new SellingRuleNotFoundError('discount code', id);
    return toCodeView(row);
  }

  private async promotionIn(tx: TenantTransaction, id: string, options: { lock?: boolean } = {}): Promise<PromotionView> {
    const [row] = await tx.query<PromotionRow[]>(`${PROMOTION_SELECT} WHERE id = $1 ${options.lock ? 'FOR UPDATE' : ''}`, [id]);
    if (!row) throw new SellingRuleNotFoundError('promotion', id);
    return toPromotionView(row);
  }

  private async saleIn(tx: TenantTransaction, id: string, options: { lock?: boolean } = {}): Promise<SaleView> {
    const [row] = await tx.query<SaleRow[]>(`${SALE_SELECT} WHERE s.id = $1 ${options.lock ? 'FOR UPDATE OF s' : ''}`, [id]);
    if (!row) throw new SellingRuleNotFoundError('sale', id);
    return toSaleView(row);
  }

  private async deleteFrom(ctx: TenantContext, table: 'shipping_zones' | 'discount_codes' | 'promotions' | 'sales', entity: string, id: string): Promise<void> {
    const [, deleted] = await this.unitOfWork.run(ctx, (tx) => tx.query<[unknown[], number]>(`DELETE FROM ${table} WHERE id = $1`, [id]));
    if (deleted === 0) throw new SellingRuleNotFoundError(entity, id);
  }
}

interface CodeRow {
  id: string;
  code: string;
  kind: DiscountCodeValue['kind'];
  percent_bp: number | null;
  /** bigint columns arrive as strings. */
  amount: string | null;
  min_subtotal_amount: string;
  starts_at: Date | null;
  ends_at: Date | null;
  usage_limit: number | null;
  per_customer_limit: number | null;
  times_used: number;
}

function toCodeView(row: CodeRow): DiscountCodeView {
  const value: DiscountCodeValue = row.kind === 'percent' ? { kind: 'percent', percentBp: row.percent_bp! } : row.kind === 'fixed' ? { kind: 'fixed', amount: toAmount(row.amount!) } : { kind: 'free_shipping' };
  return {
    id: row.id,
    code: row.code,
    value,
    minSubtotalAmount: toAmount(row.min_subtotal_amount),
    startsAt: row.starts_at?.toISOString() ?? null,
    endsAt: row.ends_at?.toISOString() ?? null,
    usageLimit: row.usage_limit,
    perCustomerLimit: row.per_customer_limit,
    timesUsed: row.times_used,
  };
}

interface PromotionRow {
  id: string;
  name: string;
  kind: PromotionInput['kind'];
  category_id: string | null;
  percent_bp: number;
  buy_quantity: number | null;
  get_quantity: number | null;
  starts_at: Date | null;
  ends_at: Date | null;
}

function toPromotionView(row: PromotionRow): PromotionView {
  const common = { id: row.id, name: row.name, percentBp: row.percent_bp, startsAt: row.starts_at?.toISOString() ?? null, endsAt: row.ends_at?.toISOString() ?? null };
  return row.kind === 'category_percent'
    ? { ...common, kind: 'category_percent', categoryId: row.category_id! }
    : { ...common, kind: 'buy_x_get_y', categoryId: row.category_id, buyQuantity: row.buy_quantity!, getQuantity: row.get_quantity! };
}

interface SaleRow {
  id: string;
  name: string;
  starts_at: Date;
  ends_at: Date;
  per_customer_limit: number | null;
  prices: SaleView['prices'];
}

function toSaleView(row: SaleRow): SaleView {
  return {
    id: row.id,
    name: row.name,
    startsAt: row.starts_at.toISOString(),
    endsAt: row.ends_at.toISOString(),
    perCustomerLimit: row.per_customer_limit,
    prices: row.prices.map((p) => ({ ...p, saleAmount: toAmount(p.saleAmount) })),
  };
}
