/**
 * How many typos a word may carry and still match, as Meilisearch does by default: none below
 * five letters, one from five, two from nine.
 */
export function typoBudget(word: string): number {
  const length = [...word].length;
  if (length >= 9) return 2;
  if (length >= 5) return 1;
  return 0;
}

/**
 * Optimal string alignment distance: insertions, deletions, substitutions and swaps of two
 * neighbours each count one ("shrit" is one typo from "shirt", not two as with Levenshtein).
 */
export function typoDistance(a: string, b: string): number {
  const s = [...a];
  const t = [...b];
  const d: number[][] = Array.from({ length: s.length + 1 }, (_, i) => Array.from({ length: t.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= s.length; i++) {
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[s.length]![t.length]!;
}

/** The vocabulary words within the typo budget of `word`, closest first. */
export function typoCorrections(word: string, candidates: readonly string[]): string[] {
  const budget = typoBudget(word);
  if (budget === 0) return [];
  return candidates
    .filter((candidate) => candidate !== word)
    .map((candidate) => ({ candidate, distance: typoDistance(word, candidate) }))
    .filter(({ distance }) => distance <= budget)
    .sort((x, y) => x.distance - y.distance)
    .map(({ candidate }) => candidate);
}
