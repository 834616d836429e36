/**
 * Request and result types of the unbalanced and partial worker methods (`unbalanced.ts`,
 * `partial.ts` beside this file): plans that need not move all the mass. `src/` imports them
 * with `import type`.
 */
import type { CloudsRequest } from '../api.ts';
import type { SparsePlan } from '../kernels/exact/exact.ts';
import type { PlanImage } from '../kernels/planImage.ts';

/** Unbalanced Sinkhorn (scenario parameters, DESIGN.md section 4); rho = Infinity: balanced. */
export interface UnbalancedRequest extends CloudsRequest {
  epsilon: number;
  rho: number;
  tolerance: number;
  maxIterations: number;
}

/** Partial transport of `mass`; epsilon = 0: exact. */
export interface PartialRequest extends CloudsRequest {
  mass: number;
  epsilon: number;
  maxIterations: number;
}

/**
 * A plan that may leave mass behind. Weights are normalised to 1 per side; `rowMass`, `colMass`
 * are the plan's marginals (P1, Pᵀ1), beside the weights `a`, `b` they are compared with.
 */
export interface MassPlanResult {
  n: number;
  m: number;
  /** The entries to draw (the largest, as for Sinkhorn). */
  plan: SparsePlan;
  image: PlanImage;
  /** <P, C>, cost units. */
  cost: number;
  /** Σ P. */
  mass: number;
  a: Float64Array;
  b: Float64Array;
  rowMass: Float64Array;
  colMass: Float64Array;
  /** Σ max(0, a − P1) and Σ max(0, P1 − a); likewise on the target side. */
  destroyed: { source: number; target: number };
  created: { source: number; target: number };
  iterations: number;
  converged: boolean;
  /** 'exact' (network simplex), 'entropic' (scaling iterations) or 'balanced' (ρ = ∞). */
  algorithm: 'exact' | 'entropic' | 'balanced';
  timeMs: number;
}

/** What a running solve reports (no plan: these solves take well under a second at app sizes). */
export interface MassPlanProgress {
  iteration: number;
  error: number;
}
