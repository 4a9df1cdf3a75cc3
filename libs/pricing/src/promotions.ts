import { fractionOf } from './rounding';
import { BASIS_POINTS, isActive, type AutomaticPromotion } from './rules';

export interface PromotableLine {
  readonly unitAmount: number;
  readonly quantity: number;
  readonly categoryIds: readonly string[];
}

/**
 * One promotion's discount on each line (same order as the lines). A percentage applies to what
 * earlier promotions left of the line (`remaining`), so two 20 % promotions take 36 %, not 40 %.
 */
export function promotionDiscounts(promotion: AutomaticPromotion, lines: readonly PromotableLine[], remaining: readonly number[]): number[] {
  switch (promotion.kind) {
    case 'category_percent':
      return lines.map((line, i) => (line.categoryIds.includes(promotion.categoryId) ? fractionOf(remaining[i]!, promotion.percentBp, BASIS_POINTS) : 0));
    case 'buy_x_get_y':
      return buyXGetY(promotion, lines);
  }
}

/**
 * Buy X get Y: the eligible units, dearest first, form groups of X + Y; the Y cheapest units of
 * each complete group are discounted at their price (capped later at what is left of the line).
 * So the shopper always gets the cheaper items off.
 */
function buyXGetY(promotion: Extract<AutomaticPromotion, { kind: 'buy_x_get_y' }>, lines: readonly PromotableLine[]): number[] {
  const units = lines
    .flatMap((line, index) => (promotion.categoryId === null || line.categoryIds.includes(promotion.categoryId) ? Array.from({ length: line.quantity }, () => ({ index, unitAmount: line.unitAmount })) : []))
    .sort((a, b) => b.unitAmount - a.unitAmount || a.index - b.index);
  const discounts = lines.map(() => 0);
  const group = promotion.buyQuantity + promotion.getQuantity;
  for (let start = 0; start + group <= units.length; start += group) {
    for (const unit of units.slice(start + promotion.buyQuantity, start + group)) {
      discounts[unit.index] = discounts[unit.index]! + fractionOf(unit.unitAmount, promotion.percentBp, BASIS_POINTS);
    }
  }
  return discounts;
}

export function activePromotions<P extends AutomaticPromotion>(promotions: readonly P[], now: Date): P[] {
  return promotions.filter((promotion) => isActive(promotion, now));
}
