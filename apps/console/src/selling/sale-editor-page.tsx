import type { SaleView } from '@storefront/contracts';
import { TextField } from '../ui/form-controls';
import { RuleEditorPage, RuleForm } from './rule-editor';
import { SALES } from './rule-kinds';
import { EMPTY_SALE, saleBodyOf, saleDraftOf, type SaleDraft } from './sale-draft';
import { SalePricesEditor } from './sale-prices-editor';
import { ScheduleFields } from './schedule-fields';
import { loadCurrency, loadVariants, type VariantChoice } from './selling-context';

const SHOWN_FIELDS = ['name', 'startsAt', 'endsAt', 'perCustomerLimit', 'prices'];

interface SaleContext {
  readonly currency: string;
  readonly variants: readonly VariantChoice[];
}

async function loadSaleContext(api: Parameters<typeof loadCurrency>[0]): Promise<SaleContext> {
  const [currency, variants] = await Promise.all([loadCurrency(api), loadVariants(api)]);
  return { currency, variants };
}

/** A sale: its name, when it runs, a per-customer limit and the sale price of each variant. */
export function SaleEditorPage({ saleId }: { saleId: string | null }) {
  return (
    <RuleEditorPage<SaleView, SaleContext>
      kind={SALES}
      id={saleId}
      loadContext={loadSaleContext}
      form={(sale, { currency, variants }) => (
        <RuleForm<SaleView, SaleDraft>
          kind={SALES}
          initial={sale}
          emptyDraft={EMPTY_SALE}
          draftOf={(view) => saleDraftOf(view, currency)}
          bodyOf={(draft) => saleBodyOf(draft, currency, variants)}
          titleOf={(view) => view.name}
          shownFields={SHOWN_FIELDS}
          fields={({ draft, change, errors, fieldErrors }) => (
            <>
              <div className="row">
                <TextField label="Sale name" value={draft.name} onChange={(e) => change({ name: e.target.value })} errors={errors('name')} placeholder="Black Friday" required />
                <TextField label="Per-customer limit" inputMode="numeric" value={draft.perCustomerLimit} onChange={(e) => change({ perCustomerLimit: e.target.value })} errors={errors('perCustomerLimit')} hint="Sale-priced items one shopper may buy; empty: no limit." />
              </div>
              <ScheduleFields draft={draft} required errors={errors} onChange={change} />
              <SalePricesEditor prices={draft.prices} variants={variants} currency={currency} errors={fieldErrors} onChange={(prices) => change({ prices })} />
            </>
          )}
        />
      )}
    />
  );
}
