import type { ReactNode } from 'react';
import { messagesFor, type FieldErrors } from '../ui/field-errors';
import { describeCombination, type VariantRow } from './variant-grid';

interface VariantGridTableProps {
  readonly rows: readonly VariantRow[];
  readonly errors: FieldErrors;
  readonly currency: string;
  onChange(rows: VariantRow[]): void;
  /** Editing a saved product: stock moves through adjustments (the ledger), not this input. */
  readonly stockCell?: (index: number) => ReactNode;
}

/** The variant grid: SKU, price and stock per combination, with each row's API errors under its inputs. */
export function VariantGridTable({ rows, errors, currency, onChange, stockCell }: VariantGridTableProps) {
  const update = (index: number, change: Partial<VariantRow>) => onChange(rows.map((row, i) => (i === index ? { ...row, ...change } : row)));
  const cell = (index: number, field: 'sku' | 'price' | 'stock', label: string, inputMode: 'text' | 'decimal' | 'numeric') => {
    const id = `variant-${index}-${field}`;
    const problems = messagesFor(errors, `variants.${index}.${field}`);
    return (
      <td>
        <label htmlFor={id} className="visually-hidden">
          {label} for {describeCombination(rows[index]!.options)}
        </label>
        <input
          id={id}
          value={rows[index]![field]}
          inputMode={inputMode}
          placeholder={field === 'price' ? 'product price' : undefined}
          onChange={(e) => update(index, field === 'sku' ? { sku: e.target.value, autoSku: false } : { [field]: e.target.value })}
          aria-invalid={problems.length > 0 || undefined}
          aria-describedby={problems.length ? `${id}-error` : undefined}
        />
        {problems.length ? (
          <span className="field-error" id={`${id}-error`}>
            {problems.join('; ')}
          </span>
        ) : null}
      </td>
    );
  };
  return (
    <div className="table-scroll">
      <table className="variant-grid" data-testid="variant-grid">
        <caption>
          Variants ({rows.length}); prices in {currency}
        </caption>
        <thead>
          <tr>
            <th scope="col">Variant</th>
            <th scope="col">SKU</th>
            <th scope="col">Price</th>
            <th scope="col">Stock</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((row, index) => (
            <tr key={JSON.stringify(row.options)}>
              <th scope="row">{describeCombination(row.options)}</th>
              {cell(index, 'sku', 'SKU', 'text')}
              {cell(index, 'price', 'Price', 'decimal')}
              {stockCell ? <td>{stockCell(index)}</td> : cell(index, 'stock', 'Stock', 'numeric')}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
