import type { TenantTransaction, TransactionSettings } from '@storefront/tenancy';

export interface SimilarTerm {
  readonly term: string;
  readonly documents: number;
  readonly similarity: number;
}

/** What the index knows about a query's words, and the text search configuration it was built with. */
export interface VocabularyLookup {
  /** The store locale's configuration (`english`, `german`, `simple`, ...), as documents were indexed with it. */
  readonly language: string;
  /** Per looked-up word, the index's words similar to it, most similar first (an exact match scores 1). */
  readonly similar: Map<string, SimilarTerm[]>;
}

/**
 * Settings every search transaction carries: `%` (which uses the GIN trigram index) matches from
 * this trigram similarity. Low on purpose: "shrit" is only 0.2 from "shirt"; the typo budget decides.
 */
export const SEARCH_TRANSACTION_SETTINGS: TransactionSettings = { 'pg_trgm.similarity_threshold': '0.2' };
const CANDIDATES_PER_WORD = 12;

/** One round trip: the store's search language and the vocabulary neighbours of `words`. Needs SEARCH_TRANSACTION_SETTINGS. */
export async function lookUpVocabulary(tx: TenantTransaction, words: readonly string[]): Promise<VocabularyLookup> {
  const unique = [...new Set(words)];
  const [row] = await tx.query<{ language: string; similar: { word: string; term: string; documents: number; similarity: number }[] }[]>(
    `SELECT search_config((SELECT locale FROM store_settings WHERE id = 1))::text AS language,
            (SELECT coalesce(json_agg(json_build_object('word', w.word, 'term', t.term, 'documents', t.documents, 'similarity', t.similarity) ORDER BY w.n, t.similarity DESC, t.documents DESC, t.term), '[]')
               FROM unnest($1::text[]) WITH ORDINALITY AS w(word, n)
               CROSS JOIN LATERAL (
                 SELECT term, documents, extensions.similarity(term, w.word) AS similarity FROM search_terms
                  WHERE term OPERATOR(extensions.%) w.word
                  ORDER BY similarity DESC, documents DESC, term LIMIT ${CANDIDATES_PER_WORD}
               ) t) AS similar`,
    [unique],
  );
  const similar = new Map<string, SimilarTerm[]>(unique.map((word) => [word, []]));
  for (const match of row!.similar) similar.get(match.word)!.push({ term: match.term, documents: match.documents, similarity: match.similarity });
  return { language: row!.language, similar };
}
