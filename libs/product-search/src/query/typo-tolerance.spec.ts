import { parseQuery } from './query-words';
import { typoBudget, typoCorrections, typoDistance } from './typo-tolerance';

describe('typo tolerance', () => {
  it('allows no typo below five letters, one from five, two from nine', () => {
    expect(['belt', 'shirt', 'trousers', 'sweatshirt'].map(typoBudget)).toEqual([0, 1, 1, 2]);
  });

  it('counts a swap of two neighbouring letters as one typo', () => {
    expect(typoDistance('shrit', 'shirt')).toBe(1);
    expect(typoDistance('tshrit', 'tshirt')).toBe(1);
    expect(typoDistance('shirt', 'shorts')).toBe(2);
    expect(typoDistance('', 'red')).toBe(3);
  });

  it('corrects only to words within the budget, closest first', () => {
    expect(typoCorrections('shrit', ['shirt', 'shorts', 'skirt'])).toEqual(['shirt']);
    expect(typoCorrections('bekt', ['belt'])).toEqual([]);
    expect(typoCorrections('sweatshrts', ['sweatshirts', 'sweatpants'])).toEqual(['sweatshirts']);
  });
});

describe('query words', () => {
  it('keeps letters and digits only, joins hyphenated words and marks the word being typed', () => {
    expect(parseQuery("T-Shrit ' OR 1=1; --")).toEqual([
      { parts: ['t', 'shrit'], joined: 'tshrit', prefix: false },
      { parts: ['or'], joined: 'or', prefix: false },
      { parts: ['1', '1'], joined: '11', prefix: false },
    ]);
    expect(parseQuery('red sh').map((word) => word.prefix)).toEqual([false, true]);
    expect(parseQuery('red sh ').map((word) => word.prefix)).toEqual([false, false]);
  });

  it('reads nothing from operators and metacharacters alone, and at most eight words', () => {
    expect(parseQuery('&|!:*()<>\\%_.^$[]{}')).toEqual([]);
    expect(parseQuery('a b c d e f g h i j k')).toHaveLength(8);
  });
});
