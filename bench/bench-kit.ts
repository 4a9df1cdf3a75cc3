import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { startDevEnvironment, type DevEnvironment } from '@storefront/dev-services';

export const WORKSPACE_ROOT = join(__dirname, '..');

/** Latency summary in milliseconds. */
export interface LatencySummary {
  readonly count: number;
  readonly p50: number;
  readonly p95: number;
  readonly p99: number;
  readonly mean: number;
}

export function summarise(samplesMs: readonly number[]): LatencySummary {
  const sorted = [...samplesMs].sort((a, b) => a - b);
  const at = (q: number): number => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? 0;
  const round = (n: number): number => Math.round(n * 1000) / 1000;
  return {
    count: sorted.length,
    p50: round(at(0.5)),
    p95: round(at(0.95)),
    p99: round(at(0.99)),
    mean: round(sorted.reduce((sum, v) => sum + v, 0) / Math.max(1, sorted.length)),
  };
}

/** Runs `operation` `count` times with `concurrency` in flight; returns each latency in ms. */
export async function measure(count: number, concurrency: number, operation: (i: number) => Promise<unknown>): Promise<number[]> {
  const samples: number[] = [];
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < count) {
      const i = next++;
      const started = process.hrtime.bigint();
      await operation(i);
      samples.push(Number(process.hrtime.bigint() - started) / 1e6);
    }
  };
  await Promise.all(Array.from({ length: concurrency }, worker));
  return samples;
}

/** A private PostgreSQL and Redis for one benchmark run (fsync on, as in production). */
export function startBenchEnvironment(name: string): Promise<DevEnvironment> {
  return startDevEnvironment({ profile: `bench-${name}`, workspaceRoot: WORKSPACE_ROOT, mode: 'durable', fresh: true });
}

export function progress(label: string, done: number, total: number): void {
  if (done === total || done % Math.max(1, Math.floor(total / 20)) === 0) {
    process.stderr.write(`  ${label}: ${done}/${total}\n`);
  }
}

/** Prints the result and keeps it as JSON under .data/bench-results/ for comparison across runs. */
export function report(name: string, result: Record<string, unknown>): void {
  const dir = join(WORKSPACE_ROOT, '.data', 'bench-results');
  mkdirSync(dir, { recursive: true });
  const file = join(dir, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, JSON.stringify(result, null, 2));
  process.stdout.write(`${JSON.stringify(result, null, 2)}\n(saved to ${file})\n`);
}
