/** One kind of selling rule: where the API keeps it, where the console shows it, what it is called. */
export interface RuleKind {
  /** The API's collection: GET/POST it, GET/PUT/DELETE `${api}/:id`. */
  readonly api: string;
  /** The console's list page; a rule's editor is `${route}/:id`, a new one `${route}/new`. */
  readonly route: string;
  /** The selling section's name in its sub-navigation and back link. */
  readonly section: string;
  readonly noun: string;
  readonly plural: string;
}

export const SHIPPING_ZONES: RuleKind = { api: '/shipping-zones', route: '/selling/shipping', section: 'Shipping & tax', noun: 'shipping zone', plural: 'Shipping zones' };
export const DISCOUNT_CODES: RuleKind = { api: '/discount-codes', route: '/selling/discount-codes', section: 'Discount codes', noun: 'discount code', plural: 'Discount codes' };
export const PROMOTIONS: RuleKind = { api: '/promotions', route: '/selling/promotions', section: 'Promotions', noun: 'promotion', plural: 'Promotions' };
export const SALES: RuleKind = { api: '/sales', route: '/selling/sales', section: 'Sales', noun: 'sale', plural: 'Sales' };

/** The selling area's entry in the console's navigation; it opens the first section. */
export const SELLING_PATH = '/selling';

export const RULE_KINDS: readonly RuleKind[] = [SHIPPING_ZONES, DISCOUNT_CODES, PROMOTIONS, SALES];

/** "discount code" -> "Discount code", for headings and messages. */
export function capitalised(noun: string): string {
  return noun.charAt(0).toUpperCase() + noun.slice(1);
}
