/**
 * What the sliced panel draws from a solved slice, as plain arrays (pure, no DOM): the two
 * projections' histograms on shared bins (mass per bin), the quantile functions as step series,
 * and the centre the stage's line turns about.
 */
import type { SlicedAngleResult } from '../../../workers/methods/slicedTypes.ts';

/** Bins of the projection histograms. */
export const SLICE_BINS = 24;

export interface SliceHistograms {
  /** Bin edges, SLICE_BINS + 1, ascending. */
  edges: Float64Array;
  /** 2 × SLICE_BINS, row 0 the source, row 1 the target: mass per bin. */
  rows: Float64Array;
  peak: number;
}

/**
 * The range of both projections, [lo, hi] with hi > lo: widened by ±0.5 around a single value
 * (every projection at one place).
 */
export function projectionRange(r: Pick<SlicedAngleResult, 'px' | 'py'>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (const p of [r.px, r.py]) {
    for (const v of p) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  return hi > lo ? [lo, hi] : [lo - 0.5, lo + 0.5];
}

/** Histograms of the projections (weighted) on bins over both. */
export function sliceHistograms(r: SlicedAngleResult): SliceHistograms {
  const [lo, hi] = projectionRange(r);
  const B = SLICE_BINS;
  const edges = Float64Array.from({ length: B + 1 }, (_, k) => lo + ((hi - lo) * k) / B);
  const rows = new Float64Array(2 * B);
  const add = (p: Float64Array, w: Float64Array, row: number) => {
    for (let i = 0; i < p.length; i++) {
      const b = Math.min(B - 1, Math.floor(((p[i] - lo) / (hi - lo)) * B));
      rows[row * B + b] += w[i];
    }
  };
  add(r.px, r.a, 0);
  add(r.py, r.b, 1);
  let peak = 0;
  for (const v of rows) peak = Math.max(peak, v);
  return { edges, rows, peak };
}

/** A step function as a polyline: x the quantile level q ∈ [0, 1], y the value. */
export interface StepSeries {
  x: Float64Array;
  y: Float64Array;
}

/**
 * The quantile functions F⁻¹ (source) and G⁻¹ (target) along the plan's pieces, which are in
 * quantile order: piece k covers (t_k, t_k + mass_k] and pairs source value px[i_k] with target
 * value py[j_k]. Both series share the breakpoints, so the vertical gap at each q is how far the
 * monotone matching moves that quantile.
 */
export function quantileSeries(r: SlicedAngleResult): { source: StepSeries; target: StepSeries } {
  const K = r.plan.mass.length;
  const q = new Float64Array(2 * K);
  const ys = new Float64Array(2 * K);
  const yt = new Float64Array(2 * K);
  let t = 0;
  for (let k = 0; k < K; k++) {
    q[2 * k] = t;
    t += r.plan.mass[k];
    q[2 * k + 1] = t;
    ys[2 * k] = ys[2 * k + 1] = r.px[r.plan.i[k]];
    yt[2 * k] = yt[2 * k + 1] = r.py[r.plan.j[k]];
  }
  return { source: { x: q, y: ys }, target: { x: q, y: yt } };
}

/** The weighted centre of two clouds' points together (the stage's line turns about it). */
export function jointCentre(
  clouds: readonly { points: Float64Array; weights: Float64Array | null }[],
): [number, number] {
  let sx = 0;
  let sy = 0;
  let count = 0;
  for (const c of clouds) {
    const n = c.points.length >> 1;
    // Each cloud counts as mass 1 (weights normalised), as both measures do.
    let total = 0;
    for (let i = 0; i < n; i++) total += c.weights ? c.weights[i] : 1;
    if (!(total > 0)) continue;
    for (let i = 0; i < n; i++) {
      const w = (c.weights ? c.weights[i] : 1) / total;
      sx += w * c.points[2 * i];
      sy += w * c.points[2 * i + 1];
    }
    count++;
  }
  return count ? [sx / count, sy / count] : [0, 0];
}
