/**
 * A transport map T as text (Brenier): a few sample points and where T sends them, the mean and
 * largest displacement |T(x_i) − x_i|, and one sentence for screen readers.
 */
import { formatNumber } from '../../lib/format.ts';
import { counted } from '../../lib/text.ts';

/** One sample x_i ↦ T(x_i). */
export interface MapRow {
  /** Source index (0-based). */
  i: number;
  x: readonly [number, number];
  tx: readonly [number, number];
  /** |T(x_i) − x_i|, plane units. */
  distance: number;
}

export interface MapSummaryData {
  /** Source points the map was evaluated at. */
  points: number;
  /** Weighted mean of |T(x_i) − x_i| (weights a_i; uniform when null), plane units; NaN when empty. */
  meanDisplacement: number;
  /** The largest |T(x_i) − x_i|, plane units; NaN when empty. */
  maxDisplacement: number;
  /** Up to `samples` points at evenly spaced indices 0, …, n − 1 (first and last included). */
  rows: MapRow[];
}

/**
 * Summarises a map evaluated at the source points.
 * @param x source points, interleaved, length 2n; @param tx T(x_i), interleaved, length 2n
 * @param a source weights (length n, any positive total) or null for uniform
 * @param samples how many sample rows, integer >= 0 (default 5)
 * Returns an empty summary when `tx` does not match `x` (a map of a previous cloud).
 */
export function summarizeMap(
  x: Float64Array,
  tx: Float64Array,
  a: Float64Array | null,
  samples = 5,
): MapSummaryData {
  const n = x.length >> 1;
  if (tx.length !== x.length || n === 0)
    return { points: 0, meanDisplacement: NaN, maxDisplacement: NaN, rows: [] };
  const dist = (i: number) => Math.hypot(tx[2 * i] - x[2 * i], tx[2 * i + 1] - x[2 * i + 1]);
  let total = 0;
  let sum = 0;
  let max = 0;
  for (let i = 0; i < n; i++) {
    const w = a ? a[i] : 1;
    const d = dist(i);
    total += w;
    sum += w * d;
    if (d > max) max = d;
  }
  const k = Math.min(n, Math.max(0, Math.floor(samples)));
  const picks = new Set<number>();
  for (let s = 0; s < k; s++) picks.add(k === 1 ? 0 : Math.round((s * (n - 1)) / (k - 1)));
  const rows = [...picks].map((i): MapRow => ({
    i,
    x: [x[2 * i], x[2 * i + 1]],
    tx: [tx[2 * i], tx[2 * i + 1]],
    distance: dist(i),
  }));
  return { points: n, meanDisplacement: total > 0 ? sum / total : NaN, maxDisplacement: max, rows };
}

/**
 * "The entropic map moves the 200 source points by 1.23 on average (at most 2.5); W₂² ≈ 0.98."
 * @param estimator the estimator's name as the sentence says it ("entropic", "neural")
 * @param w2 Σ a_i |T(x_i) − x_i|², cost units, or undefined when unknown
 */
export function mapSentence(s: MapSummaryData, estimator: string, w2?: number): string {
  if (s.points === 0) return `The ${estimator} map is not computed for the current points yet.`;
  const w = w2 === undefined ? '' : `; W₂² ≈ ${formatNumber(w2, 3)}`;
  return (
    `The ${estimator} map moves the ${counted(s.points, 'source point')} by ` +
    `${formatNumber(s.meanDisplacement, 3)} on average (at most ${formatNumber(s.maxDisplacement, 3)})${w}.`
  );
}
