/**
 * Ground-cost matrices between two point clouds in the plane.
 *
 * Costs are computed from coordinate differences, never through |x|^2 + |y|^2 - 2 x·y, which
 * cancels catastrophically far from the origin (at coordinates near 1e6 it loses every digit of a
 * unit-scale cost). Exact for identical points: C_ij = 0 when x_i = y_j.
 */

/** `sqeuclidean`: |x - y|^2. `euclidean`: |x - y|. */
export type CostKind = 'sqeuclidean' | 'euclidean';

/** Cost between two single points. */
export function pointCost(kind: CostKind, dx: number, dy: number): number {
  const s = dx * dx + dy * dy;
  return kind === 'sqeuclidean' ? s : Math.sqrt(s);
}

/**
 * The n×m cost matrix, row-major: `C[i*m + j] = cost(x_i, y_j)`.
 * @param x source points, length 2n, interleaved [x0, y0, x1, y1, ...]
 * @param y target points, length 2m, interleaved
 * @param out optional buffer of length n*m to fill (avoids allocation on re-solves)
 */
export function costMatrix(
  x: Float64Array,
  y: Float64Array,
  kind: CostKind,
  out?: Float64Array,
): Float64Array {
  const n = x.length >> 1;
  const m = y.length >> 1;
  const C = out && out.length === n * m ? out : new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    const xi = x[2 * i];
    const yi = x[2 * i + 1];
    const row = i * m;
    if (kind === 'sqeuclidean') {
      for (let j = 0; j < m; j++) {
        const dx = xi - y[2 * j];
        const dy = yi - y[2 * j + 1];
        C[row + j] = dx * dx + dy * dy;
      }
    } else {
      for (let j = 0; j < m; j++) {
        const dx = xi - y[2 * j];
        const dy = yi - y[2 * j + 1];
        C[row + j] = Math.sqrt(dx * dx + dy * dy);
      }
    }
  }
  return C;
}

/**
 * Normalises non-negative weights to total mass 1 (uniform when `weights` is null). Weights are
 * divided by their largest first, so weights near the float maximum (whose sum overflows) still
 * normalise; zero weights stay exactly 0.
 * @param n number of points
 * @returns a new Float64Array of length n summing to 1 (up to rounding)
 * @throws RangeError when `weights` has the wrong length, holds a negative or non-finite value, or
 *   is all zero (there is no mass to normalise)
 */
export function normalizeWeights(weights: Float64Array | null, n: number): Float64Array {
  const out = new Float64Array(n);
  if (!weights) {
    out.fill(1 / n);
    return out;
  }
  if (weights.length !== n) throw new RangeError(`weights: expected ${n} weights, got ${weights.length}`);
  let max = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    if (!(w >= 0 && w < Infinity)) throw new RangeError(`weights: weight ${i} = ${w} is not finite and >= 0`);
    if (w > max) max = w;
  }
  if (!(max > 0)) throw new RangeError('weights: all weights are zero (no mass)');
  let total = 0;
  for (let i = 0; i < n; i++) total += weights[i] / max;
  for (let i = 0; i < n; i++) out[i] = weights[i] / max / total;
  return out;
}

/**
 * C_ij + offset[classOf[i]·m + j] into `out` (n×m, row-major; a new array by default): costs
 * shifted by an amount that depends only on the source point's class and the target point, as
 * class-regularised transport's linearised penalty is.
 * @param C n×m costs; @param classOf class of each of the n source points
 * @param offset classes×m, cost units
 */
export function offsetByRowClass(
  C: Float64Array,
  m: number,
  classOf: Int32Array,
  offset: Float64Array,
  out: Float64Array = new Float64Array(C.length),
): Float64Array {
  for (let i = 0; i < classOf.length; i++) {
    const row = i * m;
    const o = classOf[i] * m;
    for (let j = 0; j < m; j++) out[row + j] = C[row + j] + offset[o + j];
  }
  return out;
}
