/**
 * Procrustes alignment of two planar point clouds with known correspondences (Kabsch / Umeyama):
 * the similarity x ↦ s · R x + t minimising Σ_k w_k |s R x_{i_k} + t − y_{j_k}|² over pairs (i_k, j_k),
 * R orthogonal with det +1 (or ±1 when reflections are allowed), s > 0 (or s = 1 without scaling).
 *
 * In 2-D the SVD of the 2×2 cross-covariance has a closed form. Writing R as a rotation by θ,
 * Σ w dyᵀ R dx = C cos θ + S sin θ with C = h00 + h11, S = h01 − h10 (h = Σ w dx dyᵀ of the centred
 * points), maximal at θ = atan2(S, C) with value hypot(C, S) = σ1 + σ2 (the singular values of h).
 * A reflection [[cos φ, sin φ], [sin φ, −cos φ]] gives C' = h00 − h11, S' = h01 + h10 and the value
 * hypot(C', S') = |σ1 − σ2|, so the reflection wins exactly when det h < 0, as in Kabsch's SVD rule.
 */
import { applyMotion, rotationMatrix, reflectionMatrix, type FittedMotion } from './rigidMotion.ts';

/** Weighted first and second moments of a list of matched pairs, centred (see {@link pairMoments}). */
export interface PairMoments {
  /** Total weight Σ w_k (> 0). */
  weight: number;
  /** Weighted centroids of the matched source and target points. */
  sourceCentroid: [number, number];
  targetCentroid: [number, number];
  /** Σ w |x − μx|² and Σ w |y − μy|² over the pairs. */
  sourceSpread: number;
  targetSpread: number;
  /** Cross-covariance Σ w (x − μx)(y − μy)ᵀ, row-major [h00, h01, h10, h11] (row: source axis). */
  cross: Float64Array;
  /** Largest |coordinate| among the weighted source / target points: the scale of rounding errors. */
  sourceMagnitude: number;
  targetMagnitude: number;
}

/**
 * Weighted moments of pairs (x_{I[k]}, y_{J[k]}) with weights w[k] (two passes: centroids first,
 * then centred sums, so far-off clouds keep their digits). Pairs with zero weight are ignored.
 * @param x source points, interleaved, length 2n; y target points, interleaved, length 2m
 * @param I, J, w parallel arrays of equal length: source index, target index, weight >= 0, Σ w > 0
 */
export function pairMoments(
  x: Float64Array,
  y: Float64Array,
  I: ArrayLike<number>,
  J: ArrayLike<number>,
  w: ArrayLike<number>,
): PairMoments {
  let W = 0;
  let mx0 = 0;
  let mx1 = 0;
  let my0 = 0;
  let my1 = 0;
  let magX = 0;
  let magY = 0;
  for (let k = 0; k < w.length; k++) {
    const wk = w[k];
    if (wk === 0) continue;
    const i = 2 * I[k];
    const j = 2 * J[k];
    W += wk;
    mx0 += wk * x[i];
    mx1 += wk * x[i + 1];
    my0 += wk * y[j];
    my1 += wk * y[j + 1];
    magX = Math.max(magX, Math.abs(x[i]), Math.abs(x[i + 1]));
    magY = Math.max(magY, Math.abs(y[j]), Math.abs(y[j + 1]));
  }
  mx0 /= W;
  mx1 /= W;
  my0 /= W;
  my1 /= W;
  let sxx = 0;
  let syy = 0;
  let h00 = 0;
  let h01 = 0;
  let h10 = 0;
  let h11 = 0;
  for (let k = 0; k < w.length; k++) {
    const wk = w[k];
    if (wk === 0) continue;
    const i = 2 * I[k];
    const j = 2 * J[k];
    const dx0 = x[i] - mx0;
    const dx1 = x[i + 1] - mx1;
    const dy0 = y[j] - my0;
    const dy1 = y[j + 1] - my1;
    sxx += wk * (dx0 * dx0 + dx1 * dx1);
    syy += wk * (dy0 * dy0 + dy1 * dy1);
    h00 += wk * dx0 * dy0;
    h01 += wk * dx0 * dy1;
    h10 += wk * dx1 * dy0;
    h11 += wk * dx1 * dy1;
  }
  return {
    weight: W,
    sourceCentroid: [mx0, mx1],
    targetCentroid: [my0, my1],
    sourceSpread: sxx,
    targetSpread: syy,
    cross: Float64Array.of(h00, h01, h10, h11),
    sourceMagnitude: magX,
    targetMagnitude: magY,
  };
}

/** A fitted similarity and whether its rotation was determined by the data. */
export interface MomentFit extends FittedMotion {
  /**
   * False when the data do not determine the rotation: the weighted source points coincide (one
   * point included), the target points coincide, or the cross-covariance vanishes. The rotation is
   * then the identity (angle 0), the scale 1 (or, with scaling, the least-squares Σ w dyᵀdx / Σ w|dx|²,
   * 0 when the target is a single point; 1 when the source is) and the translation maps centroid to
   * centroid. "Coincide" means an rms spread below 1e-10 times the largest |coordinate|.
   */
  rotationDetermined: boolean;
}

/** Relative size under which a spread or a covariance counts as zero (rounding, not data). */
const DEGENERATE = 1e-10;

/**
 * The least-squares similarity for given moments (the closed-form 2×2 Kabsch / Umeyama step).
 * Ties between a rotation and a reflection (det h = 0: collinear points) go to the rotation.
 */
export function fitMoments(mom: PairMoments, scaling: boolean, reflection: boolean): MomentFit {
  const [h00, h01, h10, h11] = mom.cross;
  const W = mom.weight;
  const sourceFlat = mom.sourceSpread <= W * (DEGENERATE * mom.sourceMagnitude) ** 2;
  const targetFlat = mom.targetSpread <= W * (DEGENERATE * mom.targetMagnitude) ** 2;
  const cRot = h00 + h11;
  const sRot = h01 - h10;
  const cRef = h00 - h11;
  const sRef = h01 + h10;
  const vRot = Math.hypot(cRot, sRot);
  const vRef = Math.hypot(cRef, sRef);
  const noCross = Math.max(vRot, vRef) <= DEGENERATE * Math.sqrt(mom.sourceSpread * mom.targetSpread);
  const determined = !sourceFlat && !targetFlat && !noCross;

  let reflected = false;
  let angle = 0;
  let value = cRot; // Σ w dyᵀ R dx at the chosen R (R = I when undetermined)
  if (determined) {
    // Rounding alone can make det h slightly negative for collinear points: demand a real margin.
    const margin = 1e-12 * (Math.abs(h00) + Math.abs(h01) + Math.abs(h10) + Math.abs(h11));
    reflected = reflection && vRef > vRot + margin;
    angle = reflected ? Math.atan2(sRef, cRef) : Math.atan2(sRot, cRot);
    value = reflected ? vRef : vRot;
  }
  const rotation = !determined
    ? Float64Array.of(1, 0, 0, 1)
    : reflected
      ? reflectionMatrix(angle)
      : rotationMatrix(angle);
  let scale = 1;
  if (scaling && !sourceFlat) scale = targetFlat ? 0 : Math.max(0, value / mom.sourceSpread);
  const [cx, cy] = mom.sourceCentroid;
  const [dx, dy] = mom.targetCentroid;
  const translation: [number, number] = [
    dx - scale * (rotation[0] * cx + rotation[1] * cy),
    dy - scale * (rotation[2] * cx + rotation[3] * cy),
  ];
  return {
    rotation,
    scale,
    translation,
    angle,
    reflected,
    sourceCentroid: [cx, cy],
    rotationDetermined: determined,
  };
}

/** Explicit correspondences: source point i[k] is matched to target point j[k]. */
export interface PointPairs {
  i: ArrayLike<number>;
  j: ArrayLike<number>;
}

/** Options of {@link procrustes}. */
export interface ProcrustesOptions {
  /**
   * `index` (default): source point k is matched to target point k (needs n = m). Or explicit
   * pairs; a point may appear in several pairs or in none.
   */
  correspondence?: 'index' | PointPairs;
  /** Weight of each correspondence, >= 0 and finite, not all zero; default uniform. Length n (index) or the number of pairs. */
  weights?: ArrayLike<number>;
  /** Fit a uniform scale too (Umeyama). Default false (scale 1). */
  scaling?: boolean;
  /** Allow mirror images (det −1). Default false. */
  reflection?: boolean;
}

/** Result of {@link procrustes}. */
export interface ProcrustesResult extends MomentFit {
  /** sqrt(Σ w_k |aligned_{i_k} − y_{j_k}|² / Σ w_k), in the units of the points. */
  rmsd: number;
  /** All n source points moved by the fit, interleaved, length 2n (unmatched points too). */
  alignedSource: Float64Array;
}

/**
 * Aligns `x` onto `y` with known correspondences. aligned = scale · rotation · x + translation.
 * Agrees with SciPy/NumPy SVD-based Kabsch/Umeyama to ~1e-12 on well-conditioned data.
 * @param x source points, interleaved, length 2n (n >= 1)
 * @param y target points, interleaved, length 2m (m >= 1)
 * @throws RangeError on malformed input: odd lengths, non-finite coordinates, n ≠ m with `index`
 *   correspondence, out-of-range pair indices, bad weights
 */
export function procrustes(
  x: Float64Array,
  y: Float64Array,
  options: ProcrustesOptions = {},
): ProcrustesResult {
  checkPoints(x, 'procrustes: source');
  checkPoints(y, 'procrustes: target');
  const n = x.length >> 1;
  const m = y.length >> 1;
  const corr = options.correspondence ?? 'index';
  let I: ArrayLike<number>;
  let J: ArrayLike<number>;
  if (corr === 'index') {
    if (n !== m) {
      throw new RangeError(
        `procrustes: index correspondence needs as many source as target points (got ${n} and ${m}); pass explicit pairs instead`,
      );
    }
    I = J = Int32Array.from({ length: n }, (_, k) => k);
  } else {
    I = corr.i;
    J = corr.j;
    if (I.length !== J.length)
      throw new RangeError(`procrustes: pairs have ${I.length} source and ${J.length} target indices`);
    checkIndices(I, n, 'source');
    checkIndices(J, m, 'target');
  }
  const count = I.length;
  if (count === 0) throw new RangeError('procrustes: no correspondences');
  const given = options.weights ?? new Float64Array(count).fill(1);
  const wMax = checkWeights(given, count);
  // Relative weights (largest 1): sums of weights near the float maximum would overflow to ∞ and
  // turn every centroid into 0.
  const w = wMax === 1 ? given : Float64Array.from(given, (v) => v / wMax);

  const fit = fitMoments(pairMoments(x, y, I, J, w), options.scaling ?? false, options.reflection ?? false);
  const alignedSource = applyMotion(fit, x);
  let sum = 0;
  let W = 0;
  for (let k = 0; k < count; k++) {
    if (w[k] === 0) continue;
    const dx = alignedSource[2 * I[k]] - y[2 * J[k]];
    const dy = alignedSource[2 * I[k] + 1] - y[2 * J[k] + 1];
    sum += w[k] * (dx * dx + dy * dy);
    W += w[k];
  }
  return { ...fit, rmsd: Math.sqrt(sum / W), alignedSource };
}

/**
 * Throws a RangeError unless `p` is a non-empty interleaved point array with finite coordinates.
 * @param what message prefix naming the caller and the cloud, e.g. `procrustes: source`
 */
export function checkPoints(p: Float64Array, what: string): void {
  if (p.length === 0 || p.length % 2 !== 0) {
    throw new RangeError(`${what} points need an even, non-zero length (got ${p.length})`);
  }
  for (let k = 0; k < p.length; k++) {
    if (!Number.isFinite(p[k])) throw new RangeError(`${what} coordinate ${k} is not finite`);
  }
}

function checkIndices(idx: ArrayLike<number>, size: number, name: string): void {
  for (let k = 0; k < idx.length; k++) {
    const v = idx[k];
    if (!Number.isInteger(v) || v < 0 || v >= size) {
      throw new RangeError(`procrustes: pair ${k} has ${name} index ${v}, outside 0..${size - 1}`);
    }
  }
}

/** Validates the weights; returns the largest. */
function checkWeights(w: ArrayLike<number>, count: number): number {
  if (w.length !== count)
    throw new RangeError(`procrustes: ${w.length} weights for ${count} correspondences`);
  let max = 0;
  for (let k = 0; k < count; k++) {
    if (!(w[k] >= 0) || !Number.isFinite(w[k]))
      throw new RangeError(`procrustes: weight ${k} = ${w[k]} is not finite and >= 0`);
    max = Math.max(max, w[k]);
  }
  if (!(max > 0)) throw new RangeError('procrustes: all weights are zero');
  return max;
}
