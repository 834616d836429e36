/**
 * The 1-D view of decorrelation: the points projected on a direction, one histogram per class,
 * before and after mapping, on shared bins, so the panel can show the class conditionals drawing
 * together.
 */
import { checkCloud, cloudWeights, indexClasses } from './checks.ts';

/** Result of {@link projectionHistograms}. */
export interface ProjectionHistograms {
  /** The unit direction projected on. */
  direction: [number, number];
  /** Bin edges, length bins + 1, ascending, shared by every histogram (before and after). */
  edges: Float64Array;
  /** The classes present, ascending: row k of `before` and `after` is class classes[k]. */
  classes: Int32Array;
  /**
   * K×bins, row-major: the mass of class k's points in each bin, with the weights renormalised
   * within the class (each row sums to 1), so a row is the histogram of p(t | m).
   */
  before: Float64Array;
  /** The same for the mapped points (same weights). */
  after: Float64Array;
}

/**
 * Per-class histograms of t = ⟨x, d⟩/|d|, before and after. The bins split [min t, max t] over
 * both clouds into `bins` equal parts (the last bin includes its right edge); when every
 * projection is the same value c the range is c ± max(|c|, 1)/2.
 * @param points, mappedPoints interleaved, length 2n each
 * @param labels classes 0–9, length n
 * @param weights raw non-negative weights (length n) or null for uniform; each class needs mass
 * @param direction non-zero, finite
 * @param bins integer in [1, 10 000]
 * @throws RangeError on mismatched lengths, bad labels, weights, direction or bin count
 */
export function projectionHistograms(
  points: Float64Array,
  mappedPoints: Float64Array,
  labels: Int32Array | null,
  weights: Float64Array | null,
  direction: readonly [number, number],
  bins: number,
): ProjectionHistograms {
  const n = checkCloud(points, 'the cloud');
  if (checkCloud(mappedPoints, 'the mapped cloud') !== n) {
    throw new RangeError(`projectionHistograms: ${n} points but ${mappedPoints.length >> 1} mapped points`);
  }
  const { classes, classOf } = indexClasses(labels, n, 'the cloud');
  const w = cloudWeights(weights, n, 'the cloud');
  const [dx, dy] = direction;
  const norm = Math.hypot(dx, dy);
  if (!(norm > 0 && norm < Infinity))
    throw new RangeError('projectionHistograms: direction must be finite and non-zero');
  if (!(Number.isInteger(bins) && bins >= 1 && bins <= 10_000)) {
    throw new RangeError('projectionHistograms: bins must be an integer in [1, 10000]');
  }
  const ux = dx / norm;
  const uy = dy / norm;
  const project = (p: Float64Array) =>
    Float64Array.from({ length: n }, (_, i) => p[2 * i] * ux + p[2 * i + 1] * uy);
  const tBefore = project(points);
  const tAfter = project(mappedPoints);
  let lo = Infinity;
  let hi = -Infinity;
  for (const t of [tBefore, tAfter]) {
    for (const v of t) {
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  if (!(hi > lo)) {
    const half = Math.max(Math.abs(lo), 1) / 2;
    hi = lo + half;
    lo -= half;
  }
  const edges = Float64Array.from({ length: bins + 1 }, (_, k) =>
    k === bins ? hi : lo + ((hi - lo) * k) / bins,
  );
  const K = classes.length;
  const classMass = new Float64Array(K);
  for (let i = 0; i < n; i++) classMass[classOf[i]] += w[i];
  for (let k = 0; k < K; k++) {
    if (!(classMass[k] > 0)) {
      throw new RangeError(
        `projectionHistograms: class ${classes[k]} has no mass (all its weights are zero)`,
      );
    }
  }
  const histogram = (t: Float64Array) => {
    const h = new Float64Array(K * bins);
    for (let i = 0; i < n; i++) {
      const bin = Math.min(bins - 1, Math.max(0, Math.floor(((t[i] - lo) / (hi - lo)) * bins)));
      h[classOf[i] * bins + bin] += w[i] / classMass[classOf[i]];
    }
    return h;
  };
  return { direction: [ux, uy], edges, classes, before: histogram(tBefore), after: histogram(tAfter) };
}
