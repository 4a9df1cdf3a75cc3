import type { TaxCategory } from '@storefront/contracts';
import { groupMessagesFor, messagesFor, type FieldErrors } from '../ui/field-errors';
import { FieldGroup } from '../ui/field-group';
import { SelectField, TextField } from '../ui/form-controls';
import { removeAt, replaceAt } from './selling-draft';
import { TAX_CATEGORY_LABELS, type TaxRateDraft } from './zone-draft';

const CATEGORIES = Object.keys(TAX_CATEGORY_LABELS) as TaxCategory[];

/** A zone's tax rates, one per product tax category; each row's errors stay with its inputs. */
export function TaxRatesEditor({ rates, errors, onChange }: { rates: readonly TaxRateDraft[]; errors: FieldErrors; onChange(rates: TaxRateDraft[]): void }) {
  const unused = CATEGORIES.filter((category) => !rates.some((rate) => rate.category === category));
  return (
    <FieldGroup legend="Tax rates" errors={groupMessagesFor(errors, 'taxRates')} hint="Charged on products of each tax category shipped to this zone; none means no tax here.">
      {rates.map((rate, index) => {
        const field = (name: string) => messagesFor(errors, `taxRates.${index}.${name}`);
        return (
          <div className="row list-row" key={index}>
            <SelectField label={`Tax rate ${index + 1} category`} value={rate.category} onChange={(e) => onChange(replaceAt(rates, index, { category: e.target.value as TaxCategory }))} errors={field('category')}>
              {CATEGORIES.map((category) => (
                <option key={category} value={category}>
                  {TAX_CATEGORY_LABELS[category]}
                </option>
              ))}
            </SelectField>
            <TextField label={`Tax rate ${index + 1} percent`} inputMode="decimal" value={rate.ratePercent} onChange={(e) => onChange(replaceAt(rates, index, { ratePercent: e.target.value }))} errors={field('ratePercent')} placeholder="19" />
            <TextField label={`Tax rate ${index + 1} name`} value={rate.label} onChange={(e) => onChange(replaceAt(rates, index, { label: e.target.value }))} errors={field('label')} placeholder="VAT" hint="Shown on receipts." />
            <button type="button" onClick={() => onChange(removeAt(rates, index))}>
              Remove<span className="visually-hidden"> tax rate {index + 1}</span>
            </button>
          </div>
        );
      })}
      {unused.length ? (
        <button type="button" onClick={() => onChange([...rates, { category: unused[0]!, ratePercent: '', label: '' }])}>
          Add tax rate
        </button>
      ) : null}
    </FieldGroup>
  );
}
