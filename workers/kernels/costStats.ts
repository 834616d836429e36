/**
 * Statistics of all pairwise costs between two clouds: the first real kernel behind the worker
 * bridge. Streams over pairs without materialising the n×m matrix, so it runs on clouds of any
 * size the scenario allows, and yields between rows so a caller can report progress or cancel.
 */
import { pointCost, type CostKind } from './cost.ts';

/** Result of `costStats`. Costs in cost units (squared plane units for `sqeuclidean`). */
export interface CostStatsResult {
  /** Unweighted mean over all n·m pairs. */
  mean: number;
  min: number;
  max: number;
  /** Histogram counts over `bins` equal-width bins from `min` to `max` (all in bin 0 when max = min). */
  histogram: Float64Array;
  /** Number of pairs, n·m. */
  pairs: number;
}

/** Progress of `costStatsSteps`: fraction of rows done in [0, 1]. */
export interface CostStatsProgress {
  done: number;
}

/**
 * Generator form: yields progress every `rowsPerYield` rows, returns the result.
 * Two passes (min/max, then histogram) so the bins span exactly the observed range.
 * @param x source points, length 2n interleaved; @param y target points, length 2m interleaved
 */
export function* costStatsSteps(
  x: Float64Array,
  y: Float64Array,
  kind: CostKind,
  bins = 32,
  rowsPerYield = 64,
): Generator<CostStatsProgress, CostStatsResult> {
  const n = x.length >> 1;
  const m = y.length >> 1;
  let min = Infinity;
  let max = -Infinity;
  let sum = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const c = pointCost(kind, x[2 * i] - y[2 * j], x[2 * i + 1] - y[2 * j + 1]);
      sum += c;
      if (c < min) min = c;
      if (c > max) max = c;
    }
    if ((i + 1) % rowsPerYield === 0) yield { done: (0.5 * (i + 1)) / n };
  }
  const histogram = new Float64Array(bins);
  const width = max > min ? (max - min) / bins : 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const c = pointCost(kind, x[2 * i] - y[2 * j], x[2 * i + 1] - y[2 * j + 1]);
      const b = width > 0 ? Math.min(bins - 1, Math.floor((c - min) / width)) : 0;
      histogram[b]++;
    }
    if ((i + 1) % rowsPerYield === 0) yield { done: 0.5 + (0.5 * (i + 1)) / n };
  }
  const pairs = n * m;
  return { mean: pairs > 0 ? sum / pairs : NaN, min, max, histogram, pairs };
}

/** Runs `costStatsSteps` to completion. */
export function costStats(x: Float64Array, y: Float64Array, kind: CostKind, bins = 32): CostStatsResult {
  const it = costStatsSteps(x, y, kind, bins);
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
  }
}
