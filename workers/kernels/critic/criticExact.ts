/**
 * The exact answer a critic approximates: W1 (exact OT with the Euclidean cost, whatever cost a
 * scenario names) and an exact Kantorovich potential on the whole plane.
 *
 * Potential. `exactOT` returns duals with f_i + g_j <= |x_i − y_j| for every pair (zero-weight
 * points included) and Σ a_i f_i + Σ b_j g_j = W1. The c-transform
 *
 *   φ(p) = min_j (|p − y_j| − g_j)
 *
 * is a minimum of 1-Lipschitz functions, hence 1-Lipschitz on the plane; φ(x_i) >= f_i (the
 * constraints) and φ(y_j) <= −g_j (take j itself), so E_μ φ − E_ν φ >= Σ a f + Σ b g = W1, and
 * <= W1 by weak duality (φ is 1-Lipschitz): equality. The critic convention is the opposite
 * sign, F = −φ:
 *
 *   F(p) = max_j (g_j − |p − y_j|),   E_ν F − E_μ F = W1,
 *
 * with ∇F(p) = (y_j* − p)/|y_j* − p| at the maximising j* (a unit vector towards a target
 * point; 0 on a target point, where F has a kink). The exact plan's support gives the transport
 * rays: F decreases at unit rate along each segment x_i → y_j that carries mass, where
 * F(y_j) − F(x_i) = |x_i − y_j|.
 */
import { costMatrix } from '../cost.ts';
import { exactOT, type SparsePlan } from '../exact/exact.ts';
import { cloudWeights } from './criticInput.ts';

/** The exact Kantorovich potential F(p) = max_j (g_j − |p − y_j|), plane units. */
export interface KantorovichPotential {
  /** Target points, interleaved (length 2m), plane units. */
  readonly y: Float64Array;
  /** The target duals g (length m), plane units. */
  readonly g: Float64Array;
}

/** Result of {@link w1Exact}. */
export interface W1ExactResult {
  /** W1 = Σ P_ij |x_i − y_j|, plane units (POT's ot.emd2 with the Euclidean metric to ~1e-12). */
  w1: number;
  /** The optimal plan (non-zero entries). */
  plan: SparsePlan;
  /** The potential; E_ν F − E_μ F = W1 up to ~1e-14·max|x − y| and F is 1-Lipschitz. */
  potential: KantorovichPotential;
  /** Source and target weights, normalised to sum 1. */
  a: Float64Array;
  b: Float64Array;
}

/**
 * Exact W1 between two weighted clouds, its plan and potential.
 * @param x source points, interleaved, length 2n (n >= 1), finite; a its weights or null (uniform)
 * @param y target points (length 2m, m >= 1); b its weights or null
 * @throws RangeError for malformed clouds or weights, or when the solver hits its iteration cap
 */
export function w1Exact(
  x: Float64Array,
  a: Float64Array | null,
  y: Float64Array,
  b: Float64Array | null,
): W1ExactResult {
  const wa = cloudWeights('w1Exact', 'source', x, a);
  const wb = cloudWeights('w1Exact', 'target', y, b);
  const res = exactOT(wa, wb, costMatrix(x, y, 'euclidean'));
  if (res.status !== 'optimal')
    throw new RangeError('w1Exact: the exact solver stopped at its iteration cap');
  return { w1: res.cost, plan: res.plan, potential: { y: y.slice(), g: res.g }, a: wa, b: wb };
}

/**
 * F and ∇F at query points (see the module comment). O(m) per point.
 * @param points interleaved, length 2k, plane units
 * @param values length k, overwritten; @param gradients length 2k or null, overwritten
 */
export function evaluatePotential(
  potential: KantorovichPotential,
  points: Float64Array,
  values: Float64Array,
  gradients: Float64Array | null,
): void {
  const { y, g } = potential;
  const m = g.length;
  const k = points.length >> 1;
  for (let q = 0; q < k; q++) {
    const px = points[2 * q];
    const py = points[2 * q + 1];
    let best = -Infinity;
    let arg = 0;
    let dist = 0;
    for (let j = 0; j < m; j++) {
      const d = Math.hypot(y[2 * j] - px, y[2 * j + 1] - py);
      const v = g[j] - d;
      if (v > best) {
        best = v;
        arg = j;
        dist = d;
      }
    }
    values[q] = best;
    if (gradients) {
      const inv = dist > 0 ? 1 / dist : 0;
      gradients[2 * q] = (y[2 * arg] - px) * inv;
      gradients[2 * q + 1] = (y[2 * arg + 1] - py) * inv;
    }
  }
}

/** F and ∇F at query points, in new arrays (lengths k and 2k). */
export function potentialAt(
  potential: KantorovichPotential,
  points: Float64Array,
): { values: Float64Array; gradients: Float64Array } {
  const k = points.length >> 1;
  const values = new Float64Array(k);
  const gradients = new Float64Array(2 * k);
  evaluatePotential(potential, points, values, gradients);
  return { values, gradients };
}

/**
 * The plan's support as segments: 4 numbers per entry, [x_i, y_i, x'_j, y'_j] (source point,
 * then target point, plane units), in the plan's entry order; the masses are `plan.mass`.
 */
export function transportRays(x: Float64Array, y: Float64Array, plan: SparsePlan): Float64Array {
  const out = new Float64Array(4 * plan.mass.length);
  for (let k = 0; k < plan.mass.length; k++) {
    const i = plan.i[k];
    const j = plan.j[k];
    out[4 * k] = x[2 * i];
    out[4 * k + 1] = x[2 * i + 1];
    out[4 * k + 2] = y[2 * j];
    out[4 * k + 3] = y[2 * j + 1];
  }
  return out;
}
