import type { ShippingZoneView } from '../api/wire-types';
import { listMessagesFor } from '../ui/field-errors';
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
              <TextField
                label="Countries"
                value={draft.countries}
                onChange={(e) => change({ countries: e.target.value })}
                errors={listMessagesFor(fieldErrors, 'countries', codeList(draft.countries))}
                hint="Two-letter codes, separated by commas: DE, AT, FR."
                autoCapitalize="characters"
                spellCheck={false}
              />
              <div className="row">
                <TextField
                  label="Regions"
                  value={draft.regions}
                  onChange={(e) => change({ regions: e.target.value })}
                  errors={listMessagesFor(fieldErrors, 'regions', codeList(draft.regions))}
                  hint="Optional: only these states or provinces, such as US-NY, US-NJ."
                  spellCheck={false}
                />
                <TextField
                  label="Postal code prefixes"
                  value={draft.postalPrefixes}
                  onChange={(e) => change({ postalPrefixes: e.target.value })}
                  errors={listMessagesFor(fieldErrors, 'postalPrefixes', codeList(draft.postalPrefixes))}
                  hint="Optional: only postal codes starting with these, such as 10, 11."
                  spellCheck={false}
                />
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
