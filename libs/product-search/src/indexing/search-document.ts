import { joinedFormsOf, wordsOf } from '../query/query-words';

/** What the catalog says about one active product, as the indexer reads it. */
export interface IndexSource {
  readonly id: string;
  readonly title: string;
  readonly description: string;
  readonly optionNames: readonly string[];
  /** `name\x1fvalue` of every variant's option values. */
  readonly optionValues: readonly string[];
  readonly categoryNames: readonly string[];
}

export const OPTION_VALUE_SEPARATOR = '\x1f';

/**
 * Key prefixes in `search_facet_counts`: a category id or an option pair follows. The database
 * writes the keys (`search_facet_keys()`, tenant migration 0007); search reads them back.
 */
export const CATEGORY_FACET = 'category:';
export const OPTION_FACET = 'option:';

export interface SearchDocumentText {
  readonly titleText: string;
  readonly optionsText: string;
  /** Distinct words for the vocabulary (typo tolerance and suggestions). */
  readonly terms: string[];
}

/** Texts of a document's weighted sections and its vocabulary words. */
export function searchDocumentText(source: IndexSource): SearchDocumentText {
  const titleJoined = joinedFormsOf(source.title);
  const values = source.optionValues.map((pair) => pair.split(OPTION_VALUE_SEPARATOR)[1] ?? '');
  const optionsText = [...source.optionNames, ...new Set(values), ...source.categoryNames].join(' ');
  const terms = new Set([...wordsOf(source.title), ...titleJoined, ...wordsOf(optionsText)].filter((term) => term.length >= 2));
  return { titleText: [source.title, ...titleJoined].join(' '), optionsText, terms: [...terms].sort() };
}
