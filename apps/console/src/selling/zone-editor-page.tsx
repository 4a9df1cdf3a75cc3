import type { ShippingZoneView } from '@storefront/contracts';
import { listMessagesFor, type FieldErrors } from '../ui/field-errors';
import { CheckboxField, TextField } from '../ui/form-controls';
import { RuleEditorPage, RuleForm } from './rule-editor';
import { SHIPPING_ZONES } from './rule-kinds';
import { loadCurrency } from './selling-context';
import { codeList } from './selling-draft';
import { ShippingMethodsEditor } from './shipping-methods-editor';
import { TaxRatesEditor } from './tax-rates-editor';
import { EMPTY_ZONE, zoneBodyOf, zoneDraftOf, type ZoneDraft } from './zone-draft';

const SHOWN_FIELDS = ['name', 'countries', 'regions', 'postalPrefixes', 'shippingTaxable', 'taxRates', 'methods'];

/** A shipping zone: where it applies, the tax charged there and the shipping methods offered. */
export function ZoneEditorPage({ zoneId }: { zoneId: string | null }) {
  return (
    <RuleEditorPage<ShippingZoneView, string>
      kind={SHIPPING_ZONES}
      id={zoneId}
      loadContext={loadCurrency}
      form={(zone, currency) => (
        <RuleForm<ShippingZoneView, ZoneDraft>
          kind={SHIPPING_ZONES}
          initial={zone}
          emptyDraft={EMPTY_ZONE}
          draftOf={(view) => zoneDraftOf(view, currency)}
          bodyOf={(draft) => zoneBodyOf(draft, currency)}
          titleOf={(view) => view.name}
          shownFields={SHOWN_FIELDS}
          fields={({ draft, change, errors, fieldErrors }) => (
            <>
              <TextField label="Zone name" value={draft.name} onChange={(e) => change({ name: e.target.value })} errors={errors('name')} placeholder="European Union" required />
              <CodeListField label="Countries" field="countries" draft={draft} change={change} errors={fieldErrors} hint="Two-letter codes, separated by commas: DE, AT, FR." />
              <div className="row">
                <CodeListField label="Regions" field="regions" draft={draft} change={change} errors={fieldErrors} hint="Optional: only these states or provinces, such as US-NY, US-NJ." />
                <CodeListField label="Postal code prefixes" field="postalPrefixes" draft={draft} change={change} errors={fieldErrors} hint="Optional: only postal codes starting with these, such as 10, 11." />
              </div>
              <CheckboxField label="Charge tax on shipping" checked={draft.shippingTaxable} onChange={(e) => change({ shippingTaxable: e.target.checked })} errors={errors('shippingTaxable')} hint="At the zone's standard rate." />
              <TaxRatesEditor rates={draft.taxRates} errors={fieldErrors} onChange={(taxRates) => change({ taxRates })} />
              <ShippingMethodsEditor methods={draft.methods} currency={currency} errors={fieldErrors} onChange={(methods) => change({ methods })} />
            </>
          )}
        />
      )}
    />
  );
}

/** A list of codes typed into one input, comma-separated; the API's message for an entry names it. */
function CodeListField({ label, field, hint, draft, change, errors }: { label: string; field: 'countries' | 'regions' | 'postalPrefixes'; hint: string; draft: ZoneDraft; change(part: Partial<ZoneDraft>): void; errors: FieldErrors }) {
  return (
    <TextField
      label={label}
      value={draft[field]}
      onChange={(e) => change({ [field]: e.target.value })}
      errors={listMessagesFor(errors, field, codeList(draft[field]))}
      hint={hint}
      autoCapitalize="characters"
      spellCheck={false}
    />
  );
}
