import type { QueryWord } from './query-words';
import { typoCorrections } from './typo-tolerance';
import type { SimilarTerm } from './vocabulary';

/** Words whose vocabulary neighbours the planner needs: each word written together, and its parts. */
export function lookupWordsOf(words: readonly QueryWord[]): string[] {
  return words.flatMap((word) => [word.joined, ...(word.parts.length > 1 ? word.parts : [])]);
}

/**
 * The tsquery text for parsed words: every word must match (AND), as itself, as its parts, or
 * as a vocabulary word within its typo budget; the word being typed also matches as a prefix.
 * Words hold letters and digits only, so the text carries no operator a user typed.
 */
export function tsQueryText(words: readonly QueryWord[], similar: ReadonlyMap<string, readonly SimilarTerm[]>): string {
  return words
    .map((word) => {
      const joined = alternatives(word.joined, word.prefix, similar);
      if (word.parts.length < 2) return joined;
      const parts = word.parts.map((part, i) => alternatives(part, word.prefix && i === word.parts.length - 1, similar)).join(' & ');
      return `(${joined} | (${parts}))`;
    })
    .join(' & ');
}

function alternatives(word: string, prefix: boolean, similar: ReadonlyMap<string, readonly SimilarTerm[]>): string {
  const terms = similar.get(word) ?? [];
  const known = terms.some((term) => term.term === word);
  const corrections = known ? [] : typoCorrections(word, terms.map((term) => term.term)).slice(0, 3);
  // A word of the index is taken as typed: a prefix scan of the index costs far more than a lookup.
  const lexemes = [prefix && !known ? `${word}:*` : word, ...corrections];
  return lexemes.length === 1 ? lexemes[0]! : `(${lexemes.join(' | ')})`;
}

/**
 * Queries to offer when one found nothing: each unknown word replaced by its nearest vocabulary
 * words (looser than typo tolerance: any trigram neighbour), known words kept.
 */
export function suggestionCandidates(words: readonly QueryWord[], similar: ReadonlyMap<string, readonly SimilarTerm[]>, limit = 3): string[] {
  const suggestions = new Set<string>();
  for (let rank = 0; rank < limit; rank++) {
    const chosen = words.map((word) => {
      const terms = (similar.get(word.joined) ?? []).filter((term) => term.term !== word.joined);
      if ((similar.get(word.joined) ?? []).some((term) => term.term === word.joined)) return word.joined;
      return (terms[rank] ?? terms[0])?.term;
    });
    if (chosen.every((term) => term !== undefined) && chosen.some((term, i) => term !== words[i]!.joined)) suggestions.add(chosen.join(' '));
  }
  return [...suggestions];
}
