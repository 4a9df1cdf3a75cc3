/** A named dependency check for readiness; rejects or returns false when not ready. */
export type HealthCheck = () => Promise<boolean | void>;

export interface HealthReport {
  readonly status: 'ok' | 'unavailable';
  readonly checks: Record<string, 'ok' | string>;
}

/**
 * Readiness is the conjunction of dependency checks (database, Redis, ...), each bounded by a
 * timeout so a hung dependency reports as unavailable instead of hanging the probe.
 */
export class HealthChecks {
  private readonly checks = new Map<string, HealthCheck>();
  private shuttingDown = false;

  register(name: string, check: HealthCheck): this {
    this.checks.set(name, check);
    return this;
  }

  /** From now on readiness fails, so load balancers stop sending traffic while we drain. */
  markShuttingDown(): void {
    this.shuttingDown = true;
  }

  async readiness(timeoutMs = 2_000): Promise<HealthReport> {
    const results: Record<string, 'ok' | string> = {};
    if (this.shuttingDown) results.shutdown = 'shutting down';
    await Promise.all(
      [...this.checks].map(async ([name, check]) => {
        try {
          const outcome = await withTimeout(check(), timeoutMs);
          results[name] = outcome === false ? 'not ready' : 'ok';
        } catch (error) {
          results[name] = error instanceof Error ? error.message : String(error);
        }
      }),
    );
    const ok = Object.values(results).every((value) => value === 'ok');
    return { status: ok ? 'ok' : 'unavailable', checks: results };
  }
}

function withTimeout<T>(promise: Promise<T>, ms: number): Promise<T> {
  let timer: NodeJS.Timeout;
  return Promise.race([
    promise,
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`timed out after ${ms} ms`)), ms);
    }),
  ]).finally(() => clearTimeout(timer));
}
