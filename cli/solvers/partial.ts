/**
 * `ot solve --method partial`: move exactly `mass` = m of the scenario's weights (normalised to 1
 * per side, so m is in (0, 1]). epsilon = 0: exact (workers/kernels/unbalanced/partial.ts, POT's
 * `partial_wasserstein`); epsilon > 0: entropic (workers/kernels/unbalanced/partialEntropic.ts, POT's
 * `entropic_partial_wasserstein`). Output (DESIGN.md section 4): plan (entries >= 1e-15 as
 * { i, j, mass }), cost (<P, C>), mass (Σ P); plus algorithm, and for the entropic solver
 * iterations and converged. A mass outside (0, 1] is refused by the parameter check (exit 2).
 */
import { partialExact, type PartialExactResult } from '../../workers/kernels/unbalanced/partial.ts';
import {
  partialEntropic,
  type PartialEntropicResult,
} from '../../workers/kernels/unbalanced/partialEntropic.ts';
import { sparsifyPlan } from '../../workers/kernels/plan.ts';
import { hilbertOrder } from '../../workers/kernels/spatialOrder.ts';
import { sourceCloud, targetCloud } from '../../src/scenario/types.ts';
import { SolverFailure } from '../errors.ts';
import { PLAN_THRESHOLD } from './sinkhorn.ts';
import { balancedProblem, defineSolver, plain, type BalancedProblem } from './types.ts';

interface Prepared extends BalancedProblem {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly mass: number;
  readonly epsilon: number;
  readonly maxIterations: number;
}

type Result = { exact: PartialExactResult } | { entropic: PartialEntropicResult };

export default defineSolver<Prepared, Result>({
  prepare({ scenario: s }) {
    return {
      ...balancedProblem(s),
      x: sourceCloud(s).points,
      y: targetCloud(s).points,
      mass: s.params.mass as number,
      epsilon: s.params.epsilon as number,
      maxIterations: s.params.maxIterations as number,
    };
  },
  run: (p) =>
    p.epsilon === 0
      ? { exact: partialExact(p.a, p.b, p.C, p.mass) }
      : {
          entropic: partialEntropic(p.a, p.b, p.C, {
            mass: p.mass,
            epsilon: p.epsilon,
            maxIterations: p.maxIterations,
            sourceOrder: hilbertOrder(p.x),
            targetOrder: hilbertOrder(p.y),
          }),
        },
  toJson(r, p) {
    if ('exact' in r) {
      if (r.exact.status !== 'optimal') {
        throw new SolverFailure(`partial: the exact solver stopped at its iteration cap before the optimum`);
      }
      const { plan } = r.exact;
      return {
        plan: { i: plain(plan.i), j: plain(plan.j), mass: plain(plan.mass) },
        cost: r.exact.cost,
        mass: r.exact.mass,
        algorithm: 'exact',
      };
    }
    const e = r.entropic;
    if (e.stop === 'non-finite') {
      throw new SolverFailure(
        `partial transport over- or underflowed (epsilon ${p.epsilon}); try a larger epsilon`,
      );
    }
    const plan = sparsifyPlan(e.plan, p.n, p.m, PLAN_THRESHOLD);
    return {
      plan: { i: plain(plan.i), j: plain(plan.j), mass: plain(plan.mass) },
      cost: e.cost,
      mass: e.mass,
      algorithm: 'entropic',
      iterations: e.iterations,
      converged: e.converged,
      epsilon: e.epsilon,
    };
  },
});
