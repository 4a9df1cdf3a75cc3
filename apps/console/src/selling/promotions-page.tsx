import type { PromotionView } from '@storefront/contracts';
import type { CategoryView } from '../api/wire-types';
import { describePromotion } from './promotion-draft';
import { RuleList } from './rule-list';
import { PROMOTIONS } from './rule-kinds';
import { describeSchedule } from './schedule-text';
import { loadCategories } from './selling-context';
import { SellingNav } from './selling-nav';

/** Discounts applied without a code: a percentage off a category, or buy X get Y. */
export function PromotionsPage() {
  return (
    <>
      <SellingNav />
      <RuleList<PromotionView, CategoryView[]>
        level={1}
        kind={PROMOTIONS}
        nameOf={(promotion) => promotion.name}
        loadContext={loadCategories}
        empty="No promotions yet."
        columns={[
          { header: 'Offer', cell: (promotion, categories) => describePromotion(promotion, (id) => categories.find((c) => c.id === id)?.name ?? 'a deleted category') },
          { header: 'When', cell: describeSchedule },
        ]}
      />
    </>
  );
}
