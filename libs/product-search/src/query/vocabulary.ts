import type { TenantTransaction } from '@storefront/tenancy';

export interface SimilarTerm {
  readonly term: string;
  readonly documents: number;
  readonly similarity: number;
}

/** Trigram similarity at which a vocabulary word is a candidate (low: the typo budget decides). */
const CANDIDATE_SIMILARITY = 0.2;
const CANDIDATES_PER_WORD = 12;

/** The index's words similar to each of `words`, most similar first (an exact match scores 1). */
export async function similarTerms(tx: TenantTransaction, words: readonly string[]): Promise<Map<string, SimilarTerm[]>> {
  const unique = [...new Set(words)];
  const similar = new Map<string, SimilarTerm[]>(unique.map((word) => [word, []]));
  if (unique.length === 0) return similar;
  // `%` uses the GIN trigram index; its threshold is a setting, local to this transaction.
  await tx.query(`SELECT set_config('pg_trgm.similarity_threshold', $1, true)`, [String(CANDIDATE_SIMILARITY)]);
  const rows: { word: string; term: string; documents: number; similarity: number }[] = await tx.query(
    `SELECT w.word, t.term, t.documents, t.similarity
       FROM unnest($1::text[]) AS w(word)
       CROSS JOIN LATERAL (
         SELECT term, documents, extensions.similarity(term, w.word) AS similarity FROM search_terms
          WHERE term OPERATOR(extensions.%) w.word
          ORDER BY similarity DESC, documents DESC, term LIMIT ${CANDIDATES_PER_WORD}
       ) t`,
    [unique],
  );
  for (const row of rows) similar.get(row.word)!.push({ term: row.term, documents: row.documents, similarity: row.similarity });
  return similar;
}

/** The text search configuration of the store's locale, as documents were indexed with it. */
export async function searchLanguage(tx: TenantTransaction): Promise<string> {
  const [row] = await tx.query<{ language: string }[]>('SELECT search_config((SELECT locale FROM store_settings WHERE id = 1))::text AS language');
  return row!.language;
}
