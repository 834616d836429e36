/**
 * The balanced problem every plan solver starts from: weights normalised to mass 1 and the cost
 * matrix. Shared by the worker, the CLI and the benchmarks.
 */
import { costMatrix, normalizeWeights, type CostKind } from './cost.ts';

export interface BalancedProblem {
  /** Source weights, length n, summing to 1. */
  readonly a: Float64Array;
  /** Target weights, length m, summing to 1. */
  readonly b: Float64Array;
  /** n×m cost matrix, row-major. */
  readonly C: Float64Array;
  readonly n: number;
  readonly m: number;
}

/**
 * @param x source points, interleaved (length 2n); @param y target points (length 2m)
 * @param wa, wb raw non-negative weights or null for uniform
 */
export function balancedProblem(
  x: Float64Array,
  y: Float64Array,
  wa: Float64Array | null,
  wb: Float64Array | null,
  cost: CostKind,
): BalancedProblem {
  const n = x.length >> 1;
  const m = y.length >> 1;
  return { a: normalizeWeights(wa, n), b: normalizeWeights(wb, m), C: costMatrix(x, y, cost), n, m };
}
