/**
 * `ot solve --method unbalanced`: entropic unbalanced transport (workers/kernels/unbalanced/unbalanced.ts),
 * POT's `sinkhorn_unbalanced(a, b, C, reg=epsilon, reg_m=rho)` on the scenario's weights
 * normalised to mass 1 per side. rho >= 1e6 (RHO_BALANCED) is rho = ∞: the balanced problem.
 * Output (DESIGN.md section 4): plan (entries >= 1e-15 as { i, j, mass }), cost (<P, C>), mass
 * (Σ P), iterations, converged; plus destroyed / created ({ source, target }: Σ max(0, a − P1)
 * and Σ max(0, P1 − a), likewise for b), balanced, stop and epsilon (the ε the plan has). A solve
 * whose scalings over- or underflow is an error naming ε and ρ.
 */
import { massBalance, sparsifyPlan } from '../../workers/kernels/plan.ts';
import { hilbertOrder } from '../../workers/kernels/spatialOrder.ts';
import { unbalancedSinkhorn, type UnbalancedResult } from '../../workers/kernels/unbalanced/unbalanced.ts';
import { RHO_BALANCED } from '../../src/methods/unbalanced/meta.ts';
import { sourceCloud, targetCloud } from '../../src/scenario/types.ts';
import { SolverFailure } from '../errors.ts';
import { PLAN_THRESHOLD } from './sinkhorn.ts';
import { balancedProblem, defineSolver, plain, type BalancedProblem } from './types.ts';

interface Prepared extends BalancedProblem {
  readonly x: Float64Array;
  readonly y: Float64Array;
  readonly epsilon: number;
  readonly rho: number;
  readonly tolerance: number;
  readonly maxIterations: number;
}

export default defineSolver<Prepared, UnbalancedResult>({
  prepare({ scenario: s }) {
    const rho = s.params.rho as number;
    return {
      ...balancedProblem(s),
      x: sourceCloud(s).points,
      y: targetCloud(s).points,
      epsilon: s.params.epsilon as number,
      rho: rho >= RHO_BALANCED ? Infinity : rho,
      tolerance: s.params.tolerance as number,
      maxIterations: s.params.maxIterations as number,
    };
  },
  run: (p) =>
    unbalancedSinkhorn(p.a, p.b, p.C, {
      epsilon: p.epsilon,
      rho: p.rho,
      tolerance: p.tolerance,
      maxIterations: p.maxIterations,
      sourceOrder: hilbertOrder(p.x),
      targetOrder: hilbertOrder(p.y),
    }),
  toJson(r, p) {
    if (r.stop === 'non-finite') {
      throw new SolverFailure(
        `unbalanced transport over- or underflowed (epsilon ${p.epsilon}, rho ${p.rho}); try a larger epsilon or rho`,
      );
    }
    const plan = sparsifyPlan(r.plan, p.n, p.m, PLAN_THRESHOLD);
    const src = massBalance(p.a, r.rowMass);
    const tgt = massBalance(p.b, r.colMass);
    return {
      plan: { i: plain(plan.i), j: plain(plan.j), mass: plain(plan.mass) },
      cost: r.cost,
      mass: r.mass,
      iterations: r.iterations,
      converged: r.converged,
      destroyed: { source: src.destroyed, target: tgt.destroyed },
      created: { source: src.created, target: tgt.created },
      balanced: p.rho === Infinity,
      stop: r.stop,
      epsilon: r.epsilon,
    };
  },
});
