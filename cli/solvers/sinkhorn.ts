/**
 * `ot solve --method sinkhorn`: entropic OT (workers/kernels/sinkhorn/sinkhorn.ts) with the scenario's
 * epsilon (absolute, cost units), tolerance (L1 marginal error, both sides summed) and
 * maxIterations. Output (DESIGN.md section 4): cost (<P, C>), plan (entries >= 1e-15 as
 * { i, j, mass }), iterations, marginalError, converged, f, g (P_ij = a_i b_j exp((f_i + g_j −
 * C_ij)/ε)), barycentricMap ([x, y] per source point: Σ_j P_ij y_j / Σ_j P_ij; null for a source
 * point with no mass, such as a zero weight), plus entropy and stop. A solve that stops at
 * maxIterations is printed with converged: false; a non-finite solve is an error.
 */
import { barycentricMap, sparsifyPlan } from '../../workers/kernels/plan.ts';
import { sinkhorn, type SinkhornResult } from '../../workers/kernels/sinkhorn/sinkhorn.ts';
import { hilbertOrder } from '../../workers/kernels/spatialOrder.ts';
import { SolverFailure } from '../errors.ts';
import { balancedProblem, defineSolver, plain, type BalancedProblem } from './types.ts';
import { sourceCloud, targetCloud } from '../../src/scenario/types.ts';

/** Plan entries below this mass are left out of the output. */
export const PLAN_THRESHOLD = 1e-15;

interface Prepared extends BalancedProblem {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly epsilon: number;
  readonly tolerance: number;
  readonly maxIterations: number;
}

export default defineSolver<Prepared, SinkhornResult>({
  prepare({ scenario: s }) {
    return {
      ...balancedProblem(s),
      x: sourceCloud(s).points,
      y: targetCloud(s).points,
      epsilon: s.params.epsilon as number,
      tolerance: s.params.tolerance as number,
      maxIterations: s.params.maxIterations as number,
    };
  },
  // The spatial orders are part of the solve (they make the kernel's tiles local), so timed.
  run: (p) =>
    sinkhorn(p.a, p.b, p.C, {
      epsilon: p.epsilon,
      tolerance: p.tolerance,
      maxIterations: p.maxIterations,
      sourceOrder: hilbertOrder(p.x),
      targetOrder: hilbertOrder(p.y),
    }),
  toJson(r, p) {
    if (r.stop === 'non-finite') {
      throw new SolverFailure(
        `sinkhorn produced non-finite values (epsilon ${p.epsilon}); try a larger epsilon`,
      );
    }
    const plan = sparsifyPlan(r.plan, p.n, p.m, PLAN_THRESHOLD);
    const map = barycentricMap(r.plan, p.y, p.n, p.m);
    const barycentric: ([number, number] | null)[] = [];
    for (let i = 0; i < p.n; i++) {
      const [x, y] = [map[2 * i], map[2 * i + 1]];
      barycentric.push(Number.isFinite(x) && Number.isFinite(y) ? [x, y] : null);
    }
    return {
      cost: r.cost,
      plan: { i: plain(plan.i), j: plain(plan.j), mass: plain(plan.mass) },
      iterations: r.iterations,
      marginalError: r.marginalError,
      converged: r.converged,
      stop: r.stop,
      f: plain(r.f),
      g: plain(r.g),
      barycentricMap: barycentric,
      entropy: r.entropy,
      // The ε the plan has: the requested one, unless it was below the kernel's floor (1e-13 × max C).
      epsilon: r.epsilon,
    };
  },
});
