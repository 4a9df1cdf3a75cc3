import type { AutomaticPromotion, DiscountCode, ShippingRate, ShippingZone, TaxCategory } from '@storefront/pricing';
import { toAmount } from '../money';
import type { TenantTransaction } from '@storefront/tenancy';

/** The rules a cart's totals need, read in one round trip. */
export interface SellingRules {
  readonly pricesIncludeTax: boolean;
  readonly zones: readonly ShippingZone[];
  /** Only the promotions running at the time asked for. */
  readonly promotions: readonly AutomaticPromotion[];
  /** The code asked for, when this store has it. */
  readonly code: DiscountCode | null;
  /** The open payment attempt a retry of this request resumes: the uses it holds are its own. */
  readonly heldBy: string | null;
}

interface ZoneJson {
  id: string;
  name: string;
  countries: string[];
  regions: string[];
  postal_prefixes: string[];
  shipping_taxable: boolean;
  methods: { id: string; name: string; rate: ShippingRate; free_over_amount: number | null }[];
  tax_rates: { category: TaxCategory; rate_ppm: number; label: string }[];
}

interface PromotionJson {
  id: string;
  name: string;
  kind: AutomaticPromotion['kind'];
  category_id: string | null;
  percent_bp: number;
  buy_quantity: number | null;
  get_quantity: number | null;
  starts_at: string | null;
  ends_at: string | null;
}

export interface DiscountCodeRow {
  id: string;
  code: string;
  kind: 'percent' | 'fixed' | 'free_shipping';
  percent_bp: number | null;
  amount: string | number | null;
  min_subtotal_amount: string | number;
  starts_at: string | Date | null;
  ends_at: string | Date | null;
  usage_limit: number | null;
  per_customer_limit: number | null;
}

const RULES_QUERY = `
  SELECT (SELECT prices_include_tax FROM store_settings WHERE id = 1) AS prices_include_tax,
         (SELECT coalesce(json_agg(z ORDER BY z.created_at, z.id), '[]') FROM (
            SELECT z.id, z.name, z.countries, z.regions, z.postal_prefixes, z.shipping_taxable, z.created_at,
                   (SELECT coalesce(json_agg(json_build_object('id', m.id, 'name', m.name, 'rate', m.rate, 'free_over_amount', m.free_over_amount)
                            ORDER BY m.created_at, m.id), '[]') FROM shipping_methods m WHERE m.zone_id = z.id) AS methods,
                   (SELECT coalesce(json_agg(json_build_object('category', r.category, 'rate_ppm', r.rate_ppm, 'label', r.label)), '[]')
                      FROM tax_rates r WHERE r.zone_id = z.id) AS tax_rates
              FROM shipping_zones z) z) AS zones,
         (SELECT coalesce(json_agg(p ORDER BY p.created_at, p.id), '[]') FROM promotions p
           WHERE (p.starts_at IS NULL OR p.starts_at <= $1) AND (p.ends_at IS NULL OR $1 < p.ends_at)) AS promotions,
         (SELECT row_to_json(c) FROM discount_codes c WHERE c.code = $2) AS code,
         (SELECT a.id FROM payment_attempts a WHERE a.request_key = $3 AND a.status = 'started') AS held_by`;

/** Reads a store's selling rules inside its tenant transaction (tenant migration 0016). */
export async function loadSellingRules(tx: TenantTransaction, options: { now: Date; code?: string | null; requestKey?: string | undefined }): Promise<SellingRules> {
  const [row] = await tx.query<{ prices_include_tax: boolean | null; zones: ZoneJson[]; promotions: PromotionJson[]; code: DiscountCodeRow | null; held_by: string | null }[]>(
    RULES_QUERY,
    [options.now, options.code ?? null, options.requestKey ?? null],
  );
  return {
    pricesIncludeTax: row!.prices_include_tax ?? false,
    zones: row!.zones.map(toZone),
    promotions: row!.promotions.map(toPromotion),
    code: row!.code ? toDiscountCode(row!.code) : null,
    heldBy: row!.held_by,
  };
}

function toZone(zone: ZoneJson): ShippingZone {
  return {
    id: zone.id,
    name: zone.name,
    countries: zone.countries,
    regions: zone.regions,
    postalPrefixes: zone.postal_prefixes,
    shippingTaxable: zone.shipping_taxable,
    taxRates: zone.tax_rates.map((rate) => ({ category: rate.category, ratePpm: rate.rate_ppm, label: rate.label })),
    methods: zone.methods.map((method) => ({ id: method.id, name: method.name, rate: method.rate, freeOverAmount: method.free_over_amount === null ? null : toAmount(method.free_over_amount) })),
  };
}

function toPromotion(row: PromotionJson): AutomaticPromotion {
  const schedule = { id: row.id, name: row.name, startsAt: dateOrNull(row.starts_at), endsAt: dateOrNull(row.ends_at) };
  return row.kind === 'category_percent'
    ? { ...schedule, kind: 'category_percent', categoryId: row.category_id!, percentBp: row.percent_bp }
    : { ...schedule, kind: 'buy_x_get_y', categoryId: row.category_id, buyQuantity: row.buy_quantity!, getQuantity: row.get_quantity!, percentBp: row.percent_bp };
}

export function toDiscountCode(row: DiscountCodeRow): DiscountCode {
  const value: DiscountCode['value'] =
    row.kind === 'percent' ? { kind: 'percent', percentBp: row.percent_bp! } : row.kind === 'fixed' ? { kind: 'fixed', amount: toAmount(row.amount!) } : { kind: 'free_shipping' };
  return {
    id: row.id,
    code: row.code,
    value,
    minSubtotalAmount: toAmount(row.min_subtotal_amount),
    startsAt: dateOrNull(row.starts_at),
    endsAt: dateOrNull(row.ends_at),
    usageLimit: row.usage_limit,
    perCustomerLimit: row.per_customer_limit,
  };
}

function dateOrNull(value: string | Date | null): Date | null {
  return value === null ? null : new Date(value);
}
