/**
 * Generic helpers over transport plans, dense (n×m row-major Float64Array, P_ij at i*m + j) or
 * sparse (`SparsePlan`: parallel arrays of the non-zero entries). Masses are in the units of the
 * marginals (total mass 1 for balanced problems).
 */
import type { SparsePlan } from './exact/exact.ts';

// One definition of the sparse plan shape: exact.ts landed first and owns it; re-exported here so
// plan consumers need not depend on the exact solver module.
export type { SparsePlan };

/**
 * Row and column sums of a dense plan.
 * @param plan n×m row-major
 * @returns `rows` (length n, Σ_j P_ij) and `cols` (length m, Σ_i P_ij)
 */
export function planMarginals(
  plan: Float64Array,
  n: number,
  m: number,
): { rows: Float64Array; cols: Float64Array } {
  const rows = new Float64Array(n);
  const cols = new Float64Array(m);
  for (let i = 0; i < n; i++) {
    let s = 0;
    const row = i * m;
    for (let j = 0; j < m; j++) {
      const p = plan[row + j];
      s += p;
      cols[j] += p;
    }
    rows[i] = s;
  }
  return { rows, cols };
}

/**
 * L1 marginal error of a dense plan, both sides summed: Σ_i |Σ_j P_ij − a_i| + Σ_j |Σ_i P_ij − b_j|.
 * @param plan n×m row-major; @param a length n; @param b length m
 */
export function planMarginalError(plan: Float64Array, a: Float64Array, b: Float64Array): number {
  const { rows, cols } = planMarginals(plan, a.length, b.length);
  let e = 0;
  for (let i = 0; i < a.length; i++) e += Math.abs(rows[i] - a[i]);
  for (let j = 0; j < b.length; j++) e += Math.abs(cols[j] - b[j]);
  return e;
}

/** Transport cost <P, C> = Σ_ij P_ij C_ij of a dense plan (both n×m row-major), in cost units. */
export function planCost(plan: Float64Array, C: Float64Array): number {
  let s = 0;
  for (let k = 0; k < plan.length; k++) if (plan[k] !== 0) s += plan[k] * C[k];
  return s;
}

/**
 * Entropy −Σ P log P of a plan's masses, nats (0 log 0 = 0): a dense plan (n×m, row-major) or the
 * `mass` array of a sparse plan, whose missing entries are zeros and add nothing.
 */
export function planEntropy(plan: Float64Array): number {
  let h = 0;
  for (let k = 0; k < plan.length; k++) {
    const p = plan[k];
    if (p > 0) h -= p * Math.log(p);
  }
  return h;
}

/**
 * Barycentric projection of a dense plan: for each source i, Σ_j P_ij y_j / Σ_j P_ij.
 * Rows with no mass map to NaN (there is no image to average).
 * @param plan n×m row-major
 * @param y target points, interleaved, length 2m
 * @returns interleaved points, length 2n
 */
export function barycentricMap(plan: Float64Array, y: Float64Array, n: number, m: number): Float64Array {
  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const row = i * m;
    let s = 0;
    let sx = 0;
    let sy = 0;
    for (let j = 0; j < m; j++) {
      const p = plan[row + j];
      s += p;
      sx += p * y[2 * j];
      sy += p * y[2 * j + 1];
    }
    out[2 * i] = s > 0 ? sx / s : NaN;
    out[2 * i + 1] = s > 0 ? sy / s : NaN;
  }
  return out;
}

/**
 * A sparse plan as a dense n×m row-major matrix (repeated (i, j) entries add up).
 * @param plan entries with i in 0..n−1, j in 0..m−1
 */
export function densePlan(plan: SparsePlan, n: number, m: number): Float64Array {
  const P = new Float64Array(n * m);
  for (let e = 0; e < plan.mass.length; e++) P[plan.i[e] * m + plan.j[e]] += plan.mass[e];
  return P;
}

/**
 * The entries of a dense plan with mass >= `threshold`, row-major order.
 * @param plan n×m row-major; @param threshold absolute mass, > 0 (e.g. 1e-15, the CLI's cut)
 */
export function sparsifyPlan(plan: Float64Array, n: number, m: number, threshold: number): SparsePlan {
  let count = 0;
  for (let k = 0; k < n * m; k++) if (plan[k] >= threshold) count++;
  const out: SparsePlan = {
    i: new Int32Array(count),
    j: new Int32Array(count),
    mass: new Float64Array(count),
  };
  let e = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const p = plan[i * m + j];
      if (p >= threshold) {
        out.i[e] = i;
        out.j[e] = j;
        out.mass[e++] = p;
      }
    }
  }
  return out;
}

/**
 * Mass destroyed and created on one side of a plan that need not match its marginals (unbalanced,
 * partial): Σ max(0, w − marginal) and Σ max(0, marginal − w), in mass units.
 * @param w the side's weights; @param marginal the plan's marginal on that side (same length)
 */
export function massBalance(w: Float64Array, marginal: Float64Array): { destroyed: number; created: number } {
  let destroyed = 0;
  let created = 0;
  for (let k = 0; k < w.length; k++) {
    const d = w[k] - marginal[k];
    if (d > 0) destroyed += d;
    else created -= d;
  }
  return { destroyed, created };
}
