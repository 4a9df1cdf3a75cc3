import { variantGrid, type VariantRow } from './variant-grid';

describe('the variant grid', () => {
  it('makes one row per Size x Colour combination with a SKU from the title and values', () => {
    const rows = variantGrid(
      [
        { name: 'Size', values: 'S, M, L' },
        { name: 'Colour', values: 'Black, Off white' },
      ],
      [],
      'Organic Tee',
    );
    expect(rows.map((r) => r.options)).toEqual([
      { Size: 'S', Colour: 'Black' },
      { Size: 'S', Colour: 'Off white' },
      { Size: 'M', Colour: 'Black' },
      { Size: 'M', Colour: 'Off white' },
      { Size: 'L', Colour: 'Black' },
      { Size: 'L', Colour: 'Off white' },
    ]);
    expect(rows[1]!.sku).toBe('ORGANIC-TEE-S-OFF-WHITE');
    expect(new Set(rows.map((r) => r.sku)).size).toBe(6);
  });

  it('keeps what was typed into rows that still exist when a value is added', () => {
    const first = variantGrid([{ name: 'Size', values: 'S, M' }], [], 'Tee');
    const edited: VariantRow[] = first.map((row) => (row.options.Size === 'M' ? { ...row, stock: '7', price: '27.00', sku: 'MINE', autoSku: false } : row));
    const next = variantGrid([{ name: 'Size', values: 'S, M, L' }], edited, 'Tee');
    expect(next.find((r) => r.options.Size === 'M')).toEqual({ options: { Size: 'M' }, sku: 'MINE', price: '27.00', stock: '7', autoSku: false });
    expect(next.find((r) => r.options.Size === 'L')).toEqual({ options: { Size: 'L' }, sku: 'TEE-L', price: '', stock: '0', autoSku: true });
  });

  it('lets generated SKUs follow the title while typing, but never overwrites an edited one', () => {
    const typed = variantGrid([{ name: 'Size', values: 'S' }], [], 'T');
    expect(variantGrid([{ name: 'Size', values: 'S' }], typed, 'Tee')[0]!.sku).toBe('TEE-S');
    const edited = typed.map((row) => ({ ...row, sku: 'KEEP', autoSku: false }));
    expect(variantGrid([{ name: 'Size', values: 'S' }], edited, 'Tee')[0]!.sku).toBe('KEEP');
  });

  it('has one default variant without options, and ignores unnamed or empty dimensions and repeated values', () => {
    expect(variantGrid([], [], 'Mug')).toEqual([{ options: {}, sku: 'MUG', price: '', stock: '0', autoSku: true }]);
    expect(variantGrid([{ name: '', values: 'a' }, { name: 'Size', values: ' , ' }], [], 'Mug')).toHaveLength(1);
    expect(variantGrid([{ name: 'Size', values: 'S, S, M' }], [], 'Mug')).toHaveLength(2);
  });
});
