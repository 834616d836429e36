/**
 * The barycenter objective of a weighted support, by exact OT whatever solver produced the
 * support, so that supports from the exact, entropic and grid solvers are scored alike.
 */
import { costMatrix, normalizeWeights } from '../cost.ts';
import { exactOT } from '../exact/exact.ts';
import { checkClouds, checkLambdas, checkPoints, type BarycenterCloud } from './input.ts';

/** Result of {@link barycenterCosts}. */
export interface BarycenterCosts {
  /** W2²(ν, μ_k) for every cloud (λ_k = 0 included), squared plane units, by exact OT. */
  costs: Float64Array;
  /** Σ_k λ_k costs_k with λ normalised. */
  objective: number;
}

/**
 * W2² from the support ν = Σ_i b_i δ_{X_i} to each cloud, and the objective Σ_k λ_k W2²(ν, μ_k).
 * Exact to rounding (the exact solver's certificate: ~1e-12 relative to the largest squared
 * distance).
 * @param support k points interleaved (length 2k)
 * @param supportWeights b, length k, >= 0 not all zero (normalised here), or null for uniform
 * @param clouds 2 to 8 clouds; @param lambdas λ, one per cloud (normalised here)
 * @throws RangeError on malformed input
 */
export function barycenterCosts(
  support: Float64Array,
  supportWeights: Float64Array | null,
  clouds: readonly BarycenterCloud[],
  lambdas: ArrayLike<number>,
): BarycenterCosts {
  const it = barycenterCostSteps(support, supportWeights, clouds, lambdas);
  for (;;) {
    const r = it.next();
    if (r.done) return r.value;
  }
}

/**
 * Generator form of {@link barycenterCosts} (same parameters): yields the index of each cloud once
 * its exact OT is solved, so a worker can slice and cancel between them (at 128² a grid
 * barycenter's support has thousands of nodes, and each solve takes a noticeable time).
 */
export function* barycenterCostSteps(
  support: Float64Array,
  supportWeights: Float64Array | null,
  clouds: readonly BarycenterCloud[],
  lambdas: ArrayLike<number>,
): Generator<number, BarycenterCosts> {
  const who = 'barycenterCosts';
  checkPoints(support, `${who}: support`);
  const { points, weights } = checkClouds(clouds, who);
  const lam = checkLambdas(lambdas, clouds.length, who);
  let b: Float64Array;
  try {
    b = normalizeWeights(supportWeights, support.length >> 1);
  } catch (e) {
    throw new RangeError(`${who}: supportWeights: ${(e as Error).message}`);
  }
  const costs = new Float64Array(points.length);
  let objective = 0;
  for (let c = 0; c < points.length; c++) {
    costs[c] = exactOT(b, weights[c], costMatrix(support, points[c], 'sqeuclidean')).cost;
    objective += lam[c] * costs[c];
    yield c;
  }
  return { costs, objective };
}
