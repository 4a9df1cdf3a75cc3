import type { PromotionView } from '@storefront/contracts';
import { BASIS_POINT_DECIMALS, DraftReader, percentText, scheduleDraftOf, type Converted, type ScheduleDraft } from './selling-draft';

export type PromotionKind = PromotionView['kind'];

export interface PromotionDraft extends ScheduleDraft {
  readonly kind: PromotionKind;
  readonly name: string;
  /** Empty: any category (buy X get Y only; a category percentage needs one). */
  readonly categoryId: string;
  /** As typed; for buy X get Y it is the discount on the Y items (100 is free). */
  readonly percent: string;
  readonly buyQuantity: string;
  readonly getQuantity: string;
}

export const EMPTY_PROMOTION: PromotionDraft = { kind: 'category_percent', name: '', categoryId: '', percent: '', buyQuantity: '2', getQuantity: '1', startsAt: '', endsAt: '' };

export function promotionDraftOf(promotion: PromotionView): PromotionDraft {
  return {
    kind: promotion.kind,
    name: promotion.name,
    categoryId: promotion.categoryId ?? '',
    percent: percentText(promotion.percentBp, BASIS_POINT_DECIMALS),
    buyQuantity: promotion.kind === 'buy_x_get_y' ? String(promotion.buyQuantity) : EMPTY_PROMOTION.buyQuantity,
    getQuantity: promotion.kind === 'buy_x_get_y' ? String(promotion.getQuantity) : EMPTY_PROMOTION.getQuantity,
    ...scheduleDraftOf(promotion),
  };
}

/** The PUT/POST body of either kind; a buy X get Y with no percentage gives the Y items free. */
export function promotionBodyOf(draft: PromotionDraft): Converted<unknown> {
  const read = new DraftReader(null);
  const common = { name: draft.name, ...read.schedule(draft) };
  if (draft.kind === 'category_percent') return read.done({ kind: draft.kind, ...common, categoryId: draft.categoryId, percent: draft.percent.trim() });
  return read.done({
    kind: draft.kind,
    ...common,
    categoryId: draft.categoryId || null,
    buyQuantity: read.whole(draft.buyQuantity, 'buyQuantity'),
    getQuantity: read.whole(draft.getQuantity, 'getQuantity'),
    ...(draft.percent.trim() ? { percent: draft.percent.trim() } : {}),
  });
}

/** "20 % off Shirts", "Buy 2, get 1 free (any category)" for the list. */
export function describePromotion(promotion: PromotionView, categoryName: (id: string) => string): string {
  const percent = percentText(promotion.percentBp, BASIS_POINT_DECIMALS);
  if (promotion.kind === 'category_percent') return `${percent} % off ${categoryName(promotion.categoryId)}`;
  const reward = promotion.percentBp === 10_000 ? 'free' : `${percent} % off`;
  return `Buy ${promotion.buyQuantity}, get ${promotion.getQuantity} ${reward} (${promotion.categoryId ? categoryName(promotion.categoryId) : 'any category'})`;
}
