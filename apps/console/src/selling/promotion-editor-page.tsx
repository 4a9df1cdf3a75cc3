import type { PromotionView } from '@storefront/contracts';
import type { CategoryView } from '../api/wire-types';
import { SelectField, TextField } from '../ui/form-controls';
import { EMPTY_PROMOTION, promotionBodyOf, promotionDraftOf, type PromotionDraft, type PromotionKind } from './promotion-draft';
import { RuleEditorPage, RuleForm } from './rule-editor';
import { PROMOTIONS } from './rule-kinds';
import { ScheduleFields } from './schedule-fields';
import { loadCategories } from './selling-context';

const SHOWN_FIELDS = ['kind', 'name', 'categoryId', 'percent', 'buyQuantity', 'getQuantity', 'startsAt', 'endsAt'];

/**
 * A promotion of either kind. The category is one choice from a list, so a select rather than
 * the product form's category checkboxes (which pick many).
 */
export function PromotionEditorPage({ promotionId }: { promotionId: string | null }) {
  return (
    <RuleEditorPage<PromotionView, CategoryView[]>
      kind={PROMOTIONS}
      id={promotionId}
      loadContext={loadCategories}
      form={(promotion, categories) => (
        <RuleForm<PromotionView, PromotionDraft>
          kind={PROMOTIONS}
          initial={promotion}
          emptyDraft={EMPTY_PROMOTION}
          draftOf={promotionDraftOf}
          bodyOf={promotionBodyOf}
          titleOf={(view) => view.name}
          shownFields={SHOWN_FIELDS}
          fields={({ draft, change, errors }) => {
            const buyGet = draft.kind === 'buy_x_get_y';
            return (
              <>
                <div className="row">
                  <TextField label="Promotion name" value={draft.name} onChange={(e) => change({ name: e.target.value })} errors={errors('name')} hint="Shown to shoppers in the cart." required />
                  <SelectField label="Offer" value={draft.kind} onChange={(e) => change({ kind: e.target.value as PromotionKind })} errors={errors('kind')}>
                    <option value="category_percent">Percentage off a category</option>
                    <option value="buy_x_get_y">Buy X, get Y</option>
                  </SelectField>
                </div>
                <SelectField label="Category" value={draft.categoryId} onChange={(e) => change({ categoryId: e.target.value })} errors={errors('categoryId')} hint={categories.length ? undefined : 'No categories yet: add one under Categories.'}>
                  <option value="">{buyGet ? 'Any category' : 'Choose a category'}</option>
                  {categories.map((category) => (
                    <option key={category.id} value={category.id}>
                      {category.name}
                    </option>
                  ))}
                </SelectField>
                <div className="row">
                  {buyGet ? (
                    <>
                      <TextField label="Buy quantity" inputMode="numeric" value={draft.buyQuantity} onChange={(e) => change({ buyQuantity: e.target.value })} errors={errors('buyQuantity')} />
                      <TextField label="Get quantity" inputMode="numeric" value={draft.getQuantity} onChange={(e) => change({ getQuantity: e.target.value })} errors={errors('getQuantity')} />
                    </>
                  ) : null}
                  <TextField
                    label={buyGet ? 'Percent off the items got' : 'Percent off'}
                    inputMode="decimal"
                    value={draft.percent}
                    onChange={(e) => change({ percent: e.target.value })}
                    errors={errors('percent')}
                    placeholder={buyGet ? '100' : '20'}
                    hint={buyGet ? 'Empty or 100: the items got are free.' : undefined}
                  />
                </div>
                <ScheduleFields draft={draft} errors={errors} onChange={change} />
              </>
            );
          }}
        />
      )}
    />
  );
}
