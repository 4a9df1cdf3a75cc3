/** One option dimension as the merchant types it: a name and comma-separated values. */
export interface OptionDraft {
  readonly name: string;
  readonly values: string;
}

/** One row of the variant grid: a combination of option values and what the merchant set for it. */
export interface VariantRow {
  readonly options: Readonly<Record<string, string>>;
  readonly sku: string;
  /** Empty means the product's price. */
  readonly price: string;
  readonly stock: string;
  /** The SKU is still the generated one, so it follows the title until the merchant edits it. */
  readonly autoSku?: boolean;
}

export function optionValues(draft: OptionDraft): string[] {
  return [...new Set(draft.values.split(',').map((value) => value.trim()).filter(Boolean))];
}

/** The dimensions that take part in the grid: named, with at least one value. */
export function usableOptions(drafts: readonly OptionDraft[]): { name: string; values: string[] }[] {
  return drafts.map((d) => ({ name: d.name.trim(), values: optionValues(d) })).filter((o) => o.name && o.values.length > 0);
}

function combinationKey(options: Readonly<Record<string, string>>): string {
  return JSON.stringify(Object.entries(options).sort(([a], [b]) => a.localeCompare(b)));
}

function skuPart(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toUpperCase()
    .replace(/[^A-Z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

/**
 * Every combination of the option values (Size x Colour -> S/Black, S/White, ...), in the order
 * the merchant typed them. Rows that existed before keep what was typed into them, so adding a
 * colour does not wipe the stock entered for the others. Without options: one default variant.
 */
export function variantGrid(drafts: readonly OptionDraft[], previous: readonly VariantRow[], skuPrefix: string): VariantRow[] {
  const options = usableOptions(drafts);
  let combinations: Record<string, string>[] = [{}];
  for (const option of options) {
    combinations = combinations.flatMap((combination) => option.values.map((value) => ({ ...combination, [option.name]: value })));
  }
  const kept = new Map(previous.map((row) => [combinationKey(row.options), row]));
  const prefix = skuPart(skuPrefix) || 'SKU';
  return combinations.map((combination) => {
    const sku = [prefix, ...Object.values(combination).map(skuPart)].join('-');
    const existing = kept.get(combinationKey(combination));
    if (existing) return existing.autoSku ? { ...existing, sku } : existing;
    return { options: combination, sku, price: '', stock: '0', autoSku: true };
  });
}

/** "S / Black" for a row's label. */
export function describeCombination(options: Readonly<Record<string, string>>): string {
  const values = Object.values(options);
  return values.length ? values.join(' / ') : 'Default';
}
