import { createHash } from 'node:crypto';

/**
 * Highest-random-weight hashing: every candidate scores the key; the top score wins. Adding a
 * candidate moves only the keys it now wins (about 1/(N+1)), and no ring state is kept.
 */
export function rendezvousPick<T extends string | number>(key: string, candidates: readonly T[]): T {
  if (candidates.length === 0) throw new Error('rendezvous hashing needs at least one candidate');
  let best = candidates[0]!;
  let bestScore = -1n;
  for (const candidate of candidates) {
    const score = createHash('sha256').update(`${key}\u0000${candidate}`).digest().readBigUInt64BE(0);
    if (score > bestScore) {
      best = candidate;
      bestScore = score;
    }
  }
  return best;
}

/** Shard ids 0..count-1 of a service. */
export function shardIds(count: number): number[] {
  if (!Number.isInteger(count) || count < 1) throw new Error(`shard count must be >= 1, got ${count}`);
  return Array.from({ length: count }, (_, i) => i);
}
