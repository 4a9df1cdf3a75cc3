/** A helm command that failed: exit code or signal, and its stderr kept apart from stdout. */
export class HelmError extends Error {
  constructor(
    readonly args: readonly string[],
    readonly exitCode: number | null,
    readonly signal: NodeJS.Signals | null,
    readonly stdout: string,
    readonly stderr: string,
    readonly timedOut: boolean,
  ) {
    const why = timedOut ? 'timed out and was killed' : exitCode !== null ? `exit ${exitCode}` : `killed by ${signal}`;
    super(`helm ${args[0] ?? ''} failed (${why}): ${stderr.trim() || stdout.trim() || 'no output'}`);
    this.name = 'HelmError';
  }
}
