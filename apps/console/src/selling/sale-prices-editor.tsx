import { useId } from 'react';
import { groupMessagesFor, messagesFor, type FieldErrors } from '../ui/field-errors';
import { FieldGroup } from '../ui/field-group';
import { TextField } from '../ui/form-controls';
import { formatMoney } from '../ui/format';
import { NEW_SALE_PRICE, variantBySku, type SalePriceDraft } from './sale-draft';
import type { VariantChoice } from './selling-context';
import { removeAt, replaceAt } from './selling-draft';

/** The sale's prices, one row per variant picked by SKU (suggested from the store's variants). */
export function SalePricesEditor({ prices, variants, currency, errors, onChange }: { prices: readonly SalePriceDraft[]; variants: readonly VariantChoice[]; currency: string; errors: FieldErrors; onChange(prices: SalePriceDraft[]): void }) {
  const skus = useId();
  return (
    <FieldGroup legend="Sale prices" errors={groupMessagesFor(errors, 'prices')}>
      <datalist id={skus}>
        {variants.map((variant) => (
          <option key={variant.variantId} value={variant.sku}>
            {variant.title}
          </option>
        ))}
      </datalist>
      {prices.map((price, index) => {
        const variant = variantBySku(variants, price.sku);
        const label = `Sale price ${index + 1}`;
        return (
          <div className="row list-row" key={index}>
            <TextField
              label={`${label} SKU`}
              list={skus}
              value={price.sku}
              onChange={(e) => onChange(replaceAt(prices, index, { sku: e.target.value }))}
              errors={messagesFor(errors, `prices.${index}.variantId`)}
              hint={variant ? `${variant.title}, regularly ${formatMoney(variant.amount, currency)}` : 'Type or pick a variant’s SKU.'}
              autoComplete="off"
              spellCheck={false}
            />
            <TextField label={`${label} amount (${currency})`} inputMode="decimal" value={price.saleAmount} onChange={(e) => onChange(replaceAt(prices, index, { saleAmount: e.target.value }))} errors={messagesFor(errors, `prices.${index}.saleAmount`)} />
            <TextField label={`${label} stock cap`} inputMode="numeric" value={price.stockCap} onChange={(e) => onChange(replaceAt(prices, index, { stockCap: e.target.value }))} errors={messagesFor(errors, `prices.${index}.stockCap`)} hint="Empty: no cap." />
            <button type="button" onClick={() => onChange(removeAt(prices, index))} disabled={prices.length === 1}>
              Remove<span className="visually-hidden"> sale price {index + 1}</span>
            </button>
          </div>
        );
      })}
      <button type="button" onClick={() => onChange([...prices, NEW_SALE_PRICE])}>
        Add sale price
      </button>
    </FieldGroup>
  );
}
