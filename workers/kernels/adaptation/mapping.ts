/**
 * Barycentric mapping for adaptation and decorrelation: X̂_s = diag(1/P1) P X_t, with a rule for
 * source points that the plan gives no mass (zero weight), which have no barycentre of their own.
 */
import { barycentricMap } from '../plan.ts';
import { nearestIndices } from './classifier.ts';

/**
 * The barycentric map of a dense plan applied to its source points, every point finite:
 * row i with mass goes to Σ_j P_ij y_j / Σ_j P_ij (`barycentricMap`); a row without mass (a
 * zero-weight point) moves by the same displacement as the nearest source point whose row has
 * mass, x_i + (X̂_k − x_k), ties to the lowest index — POT's out-of-sample rule for
 * `BaseTransport.transform` (its in-sample transform maps such rows to the origin instead).
 * @param plan n×m row-major, with at least one row carrying mass
 * @param x source points, interleaved, length 2n; @param y target points, length 2m
 * @returns interleaved, length 2n
 */
export function mapThroughPlan(plan: Float64Array, x: Float64Array, y: Float64Array): Float64Array {
  const n = x.length >> 1;
  const m = y.length >> 1;
  const out = barycentricMap(plan, y, n, m);
  const hasMass = new Uint8Array(n);
  let missing = 0;
  for (let i = 0; i < n; i++) {
    hasMass[i] = Number.isNaN(out[2 * i]) ? 0 : 1;
    if (!hasMass[i]) missing++;
  }
  if (missing === 0) return out;
  if (missing === n) throw new RangeError('mapThroughPlan: the plan carries no mass');
  const lost = new Float64Array(2 * missing);
  const which = new Int32Array(missing);
  for (let i = 0, k = 0; i < n; i++) {
    if (hasMass[i]) continue;
    which[k] = i;
    lost[2 * k] = x[2 * i];
    lost[2 * k + 1] = x[2 * i + 1];
    k++;
  }
  const nearest = nearestIndices(x, lost, hasMass);
  for (let k = 0; k < missing; k++) {
    const i = which[k];
    const s = nearest[k];
    out[2 * i] = x[2 * i] + (out[2 * s] - x[2 * s]);
    out[2 * i + 1] = x[2 * i + 1] + (out[2 * s + 1] - x[2 * s + 1]);
  }
  return out;
}
