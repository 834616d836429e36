/** Small timing helpers shared by the benchmarks. */
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath } from 'node:url';
import { balancedProblem, type BalancedProblem } from '../workers/kernels/problem.ts';

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

/** The shared benchmark folder (../shared relative to the repo root) and POT's timing script. */
const repoRoot = join(dirname(fileURLToPath(import.meta.url)), '..');
export const SHARED = join(repoRoot, '..', 'shared');
export const POT_SCRIPT = join(SHARED, 'tools', 'pot-bench.py');
/** What a benchmark prints for POT's side when POT is not installed. */
export const NOT_MEASURED_POT = 'not measured (apt-get install -y python3-pot)';
/** What a benchmark prints for PyTorch's side when PyTorch is not installed. */
export const NOT_MEASURED_TORCH = 'not measured (apt-get install -y python3-torch)';

/** Whether Debian's python3-pot can run pot-bench.py here. */
export const HAS_POT =
  existsSync(POT_SCRIPT) &&
  spawnSync('/usr/bin/python3', ['-c', 'import ot'], { stdio: 'ignore' }).status === 0;

interface BenchScenario {
  source: { points: number[][]; weights?: number[] };
  target: { points: number[][]; weights?: number[] };
  cost?: string;
}

/**
 * Reads ../shared/bench/NAME.json as a balanced problem (weights normalised, cost matrix built
 * outside any timing, as pot-bench.py does), with the file path; null when the file is missing.
 */
export function loadBenchProblem(
  name: string,
): (BalancedProblem & { x: Float64Array; y: Float64Array; file: string }) | null {
  const file = join(SHARED, 'bench', `${name}.json`);
  if (!existsSync(file)) {
    console.log(`${name}: ${file} not found, skipped`);
    return null;
  }
  const s = JSON.parse(readFileSync(file, 'utf8')) as BenchScenario;
  const x = Float64Array.from(s.source.points.flat());
  const y = Float64Array.from(s.target.points.flat());
  const wa = s.source.weights ? Float64Array.from(s.source.weights) : null;
  const wb = s.target.weights ? Float64Array.from(s.target.weights) : null;
  return {
    ...balancedProblem(x, y, wa, wb, s.cost === 'euclidean' ? 'euclidean' : 'sqeuclidean'),
    x,
    y,
    file,
  };
}
