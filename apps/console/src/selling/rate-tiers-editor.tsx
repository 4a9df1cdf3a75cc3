import { groupMessagesFor, messagesFor, type FieldErrors } from '../ui/field-errors';
import { FieldGroup } from '../ui/field-group';
import { TextField } from '../ui/form-controls';
import { removeAt, replaceAt } from './selling-draft';
import type { TierDraft } from './zone-draft';

/**
 * A tiered shipping rate: each tier's price applies up to its bound (grams or order value), the
 * tiers rising. `field` is the rate's API path (`methods.0.rate`), for placing the API's messages.
 */
export function RateTiersEditor({
  method,
  byWeight,
  currency,
  tiers,
  field,
  errors,
  onChange,
}: {
  method: string;
  byWeight: boolean;
  currency: string;
  tiers: readonly TierDraft[];
  field: string;
  errors: FieldErrors;
  onChange(tiers: TierDraft[]): void;
}) {
  const bound = byWeight ? 'upToGrams' : 'upToAmount';
  return (
    <FieldGroup legend={`${method} tiers`} errors={groupMessagesFor(errors, `${field}.tiers`)} hint={byWeight ? 'The first tier whose weight the parcel does not exceed sets the price.' : 'The first tier whose amount the order does not exceed sets the price.'}>
      {tiers.map((tier, index) => (
        <div className="row list-row" key={index}>
          <TextField
            label={`${method} tier ${index + 1} up to ${byWeight ? '(grams)' : `(${currency})`}`}
            inputMode={byWeight ? 'numeric' : 'decimal'}
            value={tier.upTo}
            onChange={(e) => onChange(replaceAt(tiers, index, { upTo: e.target.value }))}
            errors={messagesFor(errors, `${field}.tiers.${index}.${bound}`)}
          />
          <TextField
            label={`${method} tier ${index + 1} price (${currency})`}
            inputMode="decimal"
            value={tier.amount}
            onChange={(e) => onChange(replaceAt(tiers, index, { amount: e.target.value }))}
            errors={messagesFor(errors, `${field}.tiers.${index}.amount`)}
          />
          <button type="button" onClick={() => onChange(removeAt(tiers, index))} disabled={tiers.length === 1}>
            Remove<span className="visually-hidden">
              {' '}
              {method} tier {index + 1}
            </span>
          </button>
        </div>
      ))}
      <button type="button" onClick={() => onChange([...tiers, { upTo: '', amount: '' }])}>
        Add tier<span className="visually-hidden"> to {method}</span>
      </button>
    </FieldGroup>
  );
}
