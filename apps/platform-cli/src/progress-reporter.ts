import { SingleBar, Presets } from 'cli-progress';

export interface ProgressReporter {
  update(done: number, total: number, failed: number): void;
  stop(): void;
}

/**
 * A progress bar on a terminal; on a pipe or CI log, a line per 10% so the log stays readable.
 */
export function createProgressReporter(unit: string, stream: NodeJS.WriteStream = process.stderr): ProgressReporter {
  if (stream.isTTY) {
    const bar = new SingleBar(
      { format: `{bar} {percentage}% | {value}/{total} ${unit} | {failed} failed | eta {eta_formatted}`, stream },
      Presets.shades_classic,
    );
    let started = false;
    return {
      update(done, total, failed) {
        if (!started) {
          bar.start(total, 0, { failed: 0 });
          started = true;
        }
        bar.update(done, { failed });
      },
      stop: () => bar.stop(),
    };
  }
  let lastDecile = -1;
  return {
    update(done, total, failed) {
      const decile = total === 0 ? 10 : Math.floor((done / total) * 10);
      if (decile !== lastDecile) {
        lastDecile = decile;
        stream.write(`${done}/${total} ${unit} (${decile * 10}%), ${failed} failed\n`);
      }
    },
    stop: () => undefined,
  };
}
