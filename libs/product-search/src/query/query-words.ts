/** Words of the index and of queries: letters and digits only, so nothing reaches SQL as syntax. */

/** At most this many words of a query count; the rest of a very long query is ignored. */
export const MAX_QUERY_WORDS = 8;
const MAX_WORD_LENGTH = 40;
const NOT_WORD = /[^\p{L}\p{N}]+/u;

/**
 * A query word as typed: `parts` are its letter/digit runs ("t-shrit" -> t, shrit), `joined` the
 * runs written together ("tshrit"), which is how a hyphenated title word is indexed as well.
 */
export interface QueryWord {
  readonly parts: readonly string[];
  readonly joined: string;
  /** The last word while typing: matched as a prefix. */
  readonly prefix: boolean;
}

export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Letter/digit runs of a text, lowercased. */
export function wordsOf(text: string): string[] {
  return normalizeText(text)
    .split(NOT_WORD)
    .filter((word) => word.length > 0)
    .map((word) => word.slice(0, MAX_WORD_LENGTH));
}

/** Hyphenated or dotted words written together: "T-shirt" -> "tshirt". */
export function joinedFormsOf(text: string): string[] {
  return normalizeText(text)
    .split(/\s+/)
    .map((chunk) => wordsOf(chunk))
    .filter((parts) => parts.length > 1)
    .map((parts) => parts.join('').slice(0, MAX_WORD_LENGTH));
}

/** Parses free text into query words; only a text ending in a letter or digit is still being typed. */
export function parseQuery(text: string): QueryWord[] {
  const normalized = normalizeText(text);
  const chunks = normalized.split(/\s+/).filter((chunk) => wordsOf(chunk).length > 0).slice(0, MAX_QUERY_WORDS);
  const typingLastWord = /[\p{L}\p{N}]$/u.test(normalized);
  return chunks.map((chunk, i) => {
    const parts = wordsOf(chunk);
    return { parts, joined: parts.join('').slice(0, MAX_WORD_LENGTH), prefix: typingLastWord && i === chunks.length - 1 };
  });
}
