import { groupMessagesFor, messagesFor, type FieldErrors } from '../ui/field-errors';
import { FieldGroup } from '../ui/field-group';
import { SelectField, TextField } from '../ui/form-controls';
import { RateTiersEditor } from './rate-tiers-editor';
import { removeAt, replaceAt } from './selling-draft';
import { NEW_METHOD, type MethodDraft, type RateKind } from './zone-draft';

const RATE_KINDS: Readonly<Record<RateKind, string>> = { flat: 'Flat price', weight: 'By weight (tiers)', value: 'By order value (tiers)' };

/** The shipping methods shoppers choose from in a zone: a flat or tiered price, optionally free over a threshold. */
export function ShippingMethodsEditor({ methods, currency, errors, onChange }: { methods: readonly MethodDraft[]; currency: string; errors: FieldErrors; onChange(methods: MethodDraft[]): void }) {
  return (
    <FieldGroup legend="Shipping methods" errors={groupMessagesFor(errors, 'methods')}>
      {methods.length === 0 ? <p className="hint">No methods yet: shoppers in this zone cannot choose shipping.</p> : null}
      {methods.map((method, index) => {
        const label = `Method ${index + 1}`;
        const field = `methods.${index}`;
        const set = (part: Partial<MethodDraft>) => onChange(replaceAt(methods, index, part));
        return (
          <div className="card method" key={method.id ?? `new-${index}`}>
            <div className="row">
              <TextField label={`${label} name`} value={method.name} onChange={(e) => set({ name: e.target.value })} errors={messagesFor(errors, `${field}.name`)} placeholder="Standard (3-5 days)" />
              <SelectField label={`${label} price`} value={method.kind} onChange={(e) => set({ kind: e.target.value as RateKind })} errors={groupMessagesFor(errors, `${field}.rate`)}>
                {Object.entries(RATE_KINDS).map(([kind, text]) => (
                  <option key={kind} value={kind}>
                    {text}
                  </option>
                ))}
              </SelectField>
              {method.kind === 'flat' ? (
                <TextField label={`${label} flat price (${currency})`} inputMode="decimal" value={method.flatAmount} onChange={(e) => set({ flatAmount: e.target.value })} errors={messagesFor(errors, `${field}.rate.amount`)} />
              ) : null}
              <TextField
                label={`${label} free over (${currency})`}
                inputMode="decimal"
                value={method.freeOver}
                onChange={(e) => set({ freeOver: e.target.value })}
                errors={messagesFor(errors, `${field}.freeOverAmount`)}
                hint="Free shipping from this order value; empty for never."
              />
            </div>
            {method.kind !== 'flat' ? (
              <RateTiersEditor method={label} byWeight={method.kind === 'weight'} currency={currency} tiers={method.tiers} field={`${field}.rate`} errors={errors} onChange={(tiers) => set({ tiers })} />
            ) : null}
            <button type="button" onClick={() => onChange(removeAt(methods, index))}>
              Remove method<span className="visually-hidden"> {index + 1}</span>
            </button>
          </div>
        );
      })}
      <button type="button" onClick={() => onChange([...methods, NEW_METHOD])}>
        Add shipping method
      </button>
    </FieldGroup>
  );
}
