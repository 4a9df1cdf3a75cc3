import type { VariantInput } from './product-input';
import { duplicateSkuProblems, productDefinitionProblems } from './product-definition-rules';

const price = { amount: 2500, currency: 'EUR' };
const options = [
  { name: 'Size', values: ['S', 'M'] },
  { name: 'Colour', values: ['Red', 'Blue'] },
];

describe('product definition rules', () => {
  it('accepts variants that each pick one allowed value of every option', () => {
    const variants = [
      { sku: 'A', options: { Size: 'S', Colour: 'Red' }, stock: 1 },
      { sku: 'B', options: { Size: 'M', Colour: 'Blue' }, stock: 0, price: { amount: 3000, currency: 'EUR' } },
    ];
    expect(productDefinitionProblems({ price, options, variants })).toEqual([]);
  });

  it('names each variant field that misses, invents or misspells an option value', () => {
    const variants: VariantInput[] = [
      { sku: 'A', options: { Size: 'XL', Colour: 'Red' }, stock: 1 },
      { sku: 'B', options: { Size: 'M' }, stock: 1 },
      { sku: 'C', options: { Size: 'S', Colour: 'Red', Flavour: 'Mint' }, stock: 1 },
    ];
    expect(productDefinitionProblems({ price, options, variants })).toEqual([
      { field: 'variants.0.options.Size', message: 'must be one of S, M' },
      { field: 'variants.1.options.Colour', message: 'is required' },
      { field: 'variants.2.options.Flavour', message: 'is not an option of this product' },
    ]);
  });

  it('refuses two variants with the same combination of values', () => {
    const variants = ['A', 'B'].map((sku) => ({ sku, options: { Size: 'S', Colour: 'Red' }, stock: 0 }));
    expect(productDefinitionProblems({ price, options, variants })).toEqual([
      { field: 'variants.1.options', message: 'same option values as variants.0' },
    ]);
  });

  it('refuses duplicate options and values, foreign currencies and negative stock', () => {
    const problems = productDefinitionProblems({
      price,
      options: [
        { name: 'Size', values: ['S', 'S'] },
        { name: 'Size', values: ['M'] },
      ],
      variants: [{ sku: 'A', options: { Size: 'S' }, stock: -1, price: { amount: 1, currency: 'USD' } }],
    });
    expect(problems.map((p) => p.field)).toEqual(['options.0.values.1', 'options.1.name', 'variants.0.options.Size', 'variants.0.price.currency', 'variants.0.stock']);
  });

  it('requires a variant, and exactly one when there are no options', () => {
    expect(productDefinitionProblems({ price, options: [], variants: [] })).toEqual([
      { field: 'variants', message: 'a product needs at least one variant' },
    ]);
    const two = [1, 2].map((n) => ({ sku: `S${n}`, options: {}, stock: 0 }));
    expect(productDefinitionProblems({ price, options: [], variants: two })[0]?.field).toBe('variants');
  });

  it('points at the later of two variants sharing a SKU', () => {
    const variants = ['A', 'B', 'A'].map((sku) => ({ sku, options: {}, stock: 0 }));
    expect(duplicateSkuProblems(variants)).toEqual([{ field: 'variants.2.sku', message: 'SKU "A" repeats variants.0' }]);
  });
});
