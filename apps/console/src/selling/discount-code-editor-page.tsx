import type { DiscountCodeView } from '@storefront/contracts';
import { SelectField, TextField } from '../ui/form-controls';
import { codeBodyOf, codeDraftOf, EMPTY_CODE, type CodeValueKind, type DiscountCodeDraft } from './discount-code-draft';
import { RuleEditorPage, RuleForm } from './rule-editor';
import { DISCOUNT_CODES } from './rule-kinds';
import { ScheduleFields } from './schedule-fields';
import { loadCurrency } from './selling-context';

const SHOWN_FIELDS = ['code', 'value', 'minSubtotalAmount', 'usageLimit', 'perCustomerLimit', 'startsAt', 'endsAt'];

/** A code: its discount, the order minimum, how often it may be used, and when. */
export function DiscountCodeEditorPage({ codeId }: { codeId: string | null }) {
  return (
    <RuleEditorPage<DiscountCodeView, string>
      kind={DISCOUNT_CODES}
      id={codeId}
      loadContext={loadCurrency}
      form={(code, currency) => (
        <RuleForm<DiscountCodeView, DiscountCodeDraft>
          kind={DISCOUNT_CODES}
          initial={code}
          emptyDraft={EMPTY_CODE}
          draftOf={(view) => codeDraftOf(view, currency)}
          bodyOf={(draft) => codeBodyOf(draft, currency)}
          titleOf={(view) => view.code}
          shownFields={SHOWN_FIELDS}
          fields={({ draft, change, errors }) => (
            <>
              <TextField label="Code" value={draft.code} onChange={(e) => change({ code: e.target.value })} errors={errors('code')} hint="What shoppers type at checkout: letters, digits, _ or -." autoCapitalize="characters" spellCheck={false} required />
              <div className="row">
                <SelectField label="Discount" value={draft.kind} onChange={(e) => change({ kind: e.target.value as CodeValueKind })} errors={errors('value.kind')}>
                  <option value="percent">Percentage off the order</option>
                  <option value="fixed">Fixed amount off the order</option>
                  <option value="free_shipping">Free shipping</option>
                </SelectField>
                {draft.kind === 'percent' ? <TextField label="Percent off" inputMode="decimal" value={draft.percent} onChange={(e) => change({ percent: e.target.value })} errors={errors('value.percent')} placeholder="25" /> : null}
                {draft.kind === 'fixed' ? <TextField label={`Amount off (${currency})`} inputMode="decimal" value={draft.amount} onChange={(e) => change({ amount: e.target.value })} errors={errors('value.amount')} /> : null}
              </div>
              <div className="row">
                <TextField label={`Minimum order (${currency})`} inputMode="decimal" value={draft.minSubtotal} onChange={(e) => change({ minSubtotal: e.target.value })} errors={errors('minSubtotalAmount')} hint="Empty: any order." />
                <TextField label="Uses in total" inputMode="numeric" value={draft.usageLimit} onChange={(e) => change({ usageLimit: e.target.value })} errors={errors('usageLimit')} hint="Empty: no limit." />
                <TextField label="Uses per customer" inputMode="numeric" value={draft.perCustomerLimit} onChange={(e) => change({ perCustomerLimit: e.target.value })} errors={errors('perCustomerLimit')} hint="Empty: no limit." />
              </div>
              <ScheduleFields draft={draft} errors={errors} onChange={change} />
              {code ? <p data-testid="code-uses">Used {code.timesUsed} time{code.timesUsed === 1 ? '' : 's'} so far.</p> : null}
            </>
          )}
        />
      )}
    />
  );
}
