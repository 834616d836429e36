/**
 * `ot solve --method exact`: exact OT by network simplex / assignment (workers/kernels/exact/exact.ts).
 * Output: cost (Σ P_ij C_ij), plan (non-zero entries), f, g (dual potentials), iterations,
 * algorithm. A solve stopped by the kernel's iteration cap is not optimal: it is reported as a
 * failure rather than printed as if it were the answer.
 */
import { exactOT, type ExactResult } from '../../workers/kernels/exact/exact.ts';
import { SolverFailure } from '../errors.ts';
import { balancedProblem, defineSolver, plain, type BalancedProblem } from './types.ts';

export default defineSolver<BalancedProblem, ExactResult>({
  prepare: ({ scenario }) => balancedProblem(scenario),
  run: ({ a, b, C }) => exactOT(a, b, C),
  toJson(r) {
    if (r.status !== 'optimal') {
      throw new SolverFailure(
        `exact solver stopped at its iteration cap (${r.iterations} iterations) before reaching the optimum`,
      );
    }
    const plan = { i: [] as number[], j: [] as number[], mass: [] as number[] };
    for (let k = 0; k < r.plan.mass.length; k++) {
      if (r.plan.mass[k] === 0) continue;
      plan.i.push(r.plan.i[k]);
      plan.j.push(r.plan.j[k]);
      plan.mass.push(r.plan.mass[k]);
    }
    return {
      cost: r.cost,
      plan,
      f: plain(r.f),
      g: plain(r.g),
      iterations: r.iterations,
      status: r.status,
      algorithm: r.method,
    };
  },
});
