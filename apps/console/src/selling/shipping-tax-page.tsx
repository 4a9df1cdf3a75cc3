import { useState, type FormEvent } from 'react';
import type { ShippingZoneView } from '@storefront/contracts';
import { useConsole } from '../session/console-context';
import { LoadState } from '../ui/console-shell';
import { CheckboxField, FormAlert, FormSuccess, SubmitButton } from '../ui/form-controls';
import { formatMoney } from '../ui/format';
import { useResource } from '../ui/use-resource';
import { useSubmit } from '../ui/use-submit';
import { RuleList } from './rule-list';
import { SHIPPING_ZONES } from './rule-kinds';
import { loadCurrency } from './selling-context';
import { percentText, PPM_DECIMALS } from './selling-draft';
import { SellingNav } from './selling-nav';
import { TAX_CATEGORY_LABELS } from './zone-draft';

/** Whether prices include tax, and the shipping zones with their tax rates and methods. */
export function ShippingTaxPage() {
  return (
    <>
      <SellingNav />
      <h1>Shipping & tax</h1>
      <TaxSettingsForm />
      <RuleList<ShippingZoneView, string>
        level={2}
        kind={SHIPPING_ZONES}
        nameOf={(zone) => zone.name}
        loadContext={loadCurrency}
        empty="No shipping zones yet: shoppers cannot choose shipping until a zone covers their country."
        columns={[
          { header: 'Where', cell: (zone) => [zone.countries.join(', '), zone.regions.join(', '), zone.postalPrefixes.map((p) => `${p}…`).join(', ')].filter(Boolean).join(' · ') },
          { header: 'Tax', cell: (zone) => zone.taxRates.map((rate) => `${rate.label} ${percentText(rate.ratePpm, PPM_DECIMALS)} % (${TAX_CATEGORY_LABELS[rate.category].toLowerCase()})`).join(', ') || 'None' },
          {
            header: 'Methods',
            cell: (zone, currency) =>
              zone.methods.map((method) => `${method.name}${method.freeOverAmount !== null ? ` (free over ${formatMoney(method.freeOverAmount, currency)})` : ''}`).join(', ') || 'None',
          },
        ]}
      />
    </>
  );
}

/** One setting, saved on its own: prices are entered with tax included (gross) or without (net). */
function TaxSettingsForm() {
  const { api } = useConsole();
  const settings = useResource(() => api.request<{ pricesIncludeTax: boolean }>('GET', '/tax-settings'), 'tax-settings');
  const [typed, setTyped] = useState<boolean | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  const submission = useSubmit();
  const included = typed ?? settings.data?.pricesIncludeTax ?? false;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    void submission.run(async () => {
      await api.request('PUT', '/tax-settings', { pricesIncludeTax: included });
      await settings.reload();
      setTyped(null);
      setSaved('Tax settings saved.');
    });
  };
  return (
    <form onSubmit={submit} noValidate className="card" aria-labelledby="tax-settings-title">
      <h2 id="tax-settings-title">Tax</h2>
      <LoadState loading={settings.loading && !settings.data} error={settings.error} />
      <FormAlert message={submission.error} />
      <CheckboxField
        label="Prices include tax"
        checked={included}
        disabled={!settings.data}
        onChange={(e) => {
          setSaved(null);
          setTyped(e.target.checked);
        }}
        errors={submission.fieldErrors.pricesIncludeTax}
        hint="On: product prices are what shoppers pay, tax included (usual in the EU). Off: tax is added at checkout (usual in the US)."
      />
      <FormSuccess message={saved} />
      <SubmitButton busy={submission.busy} label="Save tax settings" busyLabel="Saving…" />
    </form>
  );
}
