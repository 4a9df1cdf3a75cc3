import { slugFromName } from './slug-from-name';

describe('the store address suggested from its name', () => {
  it('is lowercase letters, digits and single hyphens, without accents', () => {
    expect(slugFromName('Hat & Tee Co.')).toBe('hat-tee-co');
    expect(slugFromName('  Café Müller 2 ')).toBe('cafe-muller-2');
    expect(slugFromName('---')).toBe('');
  });

  it('stays short and never ends in a hyphen', () => {
    const slug = slugFromName('The Very Long Name Of A Shop That Sells Many Things');
    expect(slug.length).toBeLessThanOrEqual(40);
    expect(slug).not.toMatch(/-$/);
  });
});
