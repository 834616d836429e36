/** Small timing helpers shared by the benchmarks. */
import { performance } from 'node:perf_hooks';

/** Median wall time in ms of `fn` over `repeat` runs (after one warm-up run). */
export function medianMs(fn: () => unknown, repeat = 5): number {
  fn();
  const times: number[] = [];
  for (let k = 0; k < repeat; k++) {
    const t = performance.now();
    fn();
    times.push(performance.now() - t);
  }
  times.sort((p, q) => p - q);
  return times[Math.floor(times.length / 2)];
}

/** Prints one benchmark line: name, figure, and optionally the reference and the ratio. */
export function report(name: string, ms: number, referenceMs?: number, referenceName = 'POT'): void {
  const ratio =
    referenceMs !== undefined
      ? `  (${referenceName} ${referenceMs.toFixed(1)} ms, ratio ${(ms / referenceMs).toFixed(2)})`
      : '';
  console.log(`${name.padEnd(48)} ${ms.toFixed(1).padStart(9)} ms${ratio}`);
}
