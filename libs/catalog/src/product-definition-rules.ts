import type { FieldError } from '@storefront/contracts';
import type { CreateProductInput } from './product-input';

/**
 * Checks that options and variants describe one consistent product: unique option names and
 * values, every variant naming each option once with an allowed value, no two variants with the
 * same combination, prices in the product currency, stock not negative. Returns every problem.
 */
export function productDefinitionProblems(input: Pick<CreateProductInput, 'options' | 'variants' | 'price'>): FieldError[] {
  const problems: FieldError[] = [];
  const optionValues = new Map<string, ReadonlySet<string>>();
  input.options.forEach((option, i) => {
    if (optionValues.has(option.name)) problems.push({ field: `options.${i}.name`, message: `duplicate option "${option.name}"` });
    const seen = new Set<string>();
    option.values.forEach((value, j) => {
      if (seen.has(value)) problems.push({ field: `options.${i}.values.${j}`, message: `duplicate value "${value}"` });
      seen.add(value);
    });
    optionValues.set(option.name, seen);
  });

  if (input.variants.length === 0) problems.push({ field: 'variants', message: 'a product needs at least one variant' });
  if (input.options.length === 0 && input.variants.length > 1) {
    problems.push({ field: 'variants', message: 'a product without options has exactly one variant' });
  }

  const combinations = new Map<string, number>();
  input.variants.forEach((variant, i) => {
    const at = `variants.${i}`;
    for (const [name, allowed] of optionValues) {
      const value = variant.options[name];
      if (value === undefined) problems.push({ field: `${at}.options.${name}`, message: 'is required' });
      else if (!allowed.has(value)) {
        problems.push({ field: `${at}.options.${name}`, message: `must be one of ${[...allowed].join(', ')}` });
      }
    }
    for (const name of Object.keys(variant.options)) {
      if (!optionValues.has(name)) problems.push({ field: `${at}.options.${name}`, message: 'is not an option of this product' });
    }
    const key = JSON.stringify([...optionValues.keys()].map((name) => variant.options[name]));
    const twin = combinations.get(key);
    if (twin !== undefined) problems.push({ field: `${at}.options`, message: `same option values as variants.${twin}` });
    else combinations.set(key, i);

    if (variant.price && variant.price.currency !== input.price.currency) {
      problems.push({ field: `${at}.price.currency`, message: `must be the product currency ${input.price.currency}` });
    }
    if (variant.stock < 0) problems.push({ field: `${at}.stock`, message: 'must be 0 or more' });
  });
  return problems;
}

/** Variants whose SKU repeats an earlier one in the same input. */
export function duplicateSkuProblems(variants: CreateProductInput['variants']): FieldError[] {
  const first = new Map<string, number>();
  const problems: FieldError[] = [];
  variants.forEach((variant, i) => {
    const earlier = first.get(variant.sku);
    if (earlier !== undefined) problems.push({ field: `variants.${i}.sku`, message: `SKU "${variant.sku}" repeats variants.${earlier}` });
    else first.set(variant.sku, i);
  });
  return problems;
}
