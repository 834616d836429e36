/**
 * What a transport plan does with the source classes: the mass each target point receives from
 * each class, and the plan's class purity.
 */
import type { SparsePlan } from '../plan.ts';

/**
 * Mass received by each target point from each source class:
 * S[k·m + j] = Σ_{i : classOf[i] = k} P_ij.
 * @param plan n×m row-major (dense) or the plan's entries (sparse)
 * @param classOf source class indices 0..K−1, length n (see `indexClasses`)
 * @param K number of classes; @param m number of target points
 * @param out optional buffer of length K·m to fill (re-used across iterations)
 * @returns K×m, row-major, in the plan's mass units
 */
export function classColumnMasses(
  plan: Float64Array | SparsePlan,
  classOf: Int32Array,
  K: number,
  m: number,
  out?: Float64Array,
): Float64Array {
  const S = out && out.length === K * m ? out.fill(0) : new Float64Array(K * m);
  if (plan instanceof Float64Array) {
    const n = classOf.length;
    for (let i = 0; i < n; i++) {
      const row = i * m;
      const dst = classOf[i] * m;
      for (let j = 0; j < m; j++) S[dst + j] += plan[row + j];
    }
  } else {
    for (let e = 0; e < plan.mass.length; e++) S[classOf[plan.i[e]] * m + plan.j[e]] += plan.mass[e];
  }
  return S;
}

/**
 * Class purity of a plan: for each target point j, the share of its incoming mass that comes
 * from its majority source class, averaged over target points weighted by their incoming mass:
 *
 *   purity = Σ_j max_k S_kj / Σ_j Σ_k S_kj,   S_kj = Σ_{i in class k} P_ij,
 *
 * i.e. the fraction of all transported mass that arrives at a target point from the class
 * sending that point the most. It is 1 exactly when no target point receives mass from two
 * classes, and at least 1/K (K classes) for any plan. Target points receiving no mass do not
 * count. NaN if the plan carries no mass at all.
 * @param plan n×m row-major (dense) or the plan's entries (sparse)
 * @param classOf source class indices 0..K−1, length n
 */
export function planPurity(
  plan: Float64Array | SparsePlan,
  classOf: Int32Array,
  K: number,
  m: number,
): number {
  const S = classColumnMasses(plan, classOf, K, m);
  let top = 0;
  let total = 0;
  for (let j = 0; j < m; j++) {
    let best = 0;
    for (let k = 0; k < K; k++) {
      const s = S[k * m + j];
      total += s;
      if (s > best) best = s;
    }
    top += best;
  }
  return total > 0 ? top / total : NaN;
}
