/** Worker method: unbalanced Sinkhorn (workers/kernels/unbalanced/unbalanced.ts), time-sliced and cancellable. */
import { balancedProblem } from '../kernels/problem.ts';
import { hilbertOrder } from '../kernels/spatialOrder.ts';
import { unbalancedSteps } from '../kernels/unbalanced/unbalanced.ts';
import { runSteps } from '../runner.ts';
import type { JobProgress } from '../api.ts';
import { massPlanResult, scalingProgress } from './massPlan.ts';
import type { MassPlanProgress, MassPlanResult, UnbalancedRequest } from './massPlanTypes.ts';

export const unbalancedMethods = {
  /** Unbalanced Sinkhorn on the clouds' weights normalised to 1; rho = Infinity is balanced. */
  async solveUnbalanced(
    req: UnbalancedRequest,
    onProgress?: (p: JobProgress<MassPlanProgress>) => void,
  ): Promise<MassPlanResult> {
    const { a, b, C, n, m } = balancedProblem(req.x, req.y, req.a, req.b, req.cost);
    const t0 = performance.now();
    const steps = unbalancedSteps(a, b, C, {
      epsilon: req.epsilon,
      rho: req.rho,
      tolerance: req.tolerance,
      maxIterations: req.maxIterations,
      sourceOrder: hilbertOrder(req.x),
      targetOrder: hilbertOrder(req.y),
      yieldEvery: 5,
    });
    const r = await runSteps(req.jobId, steps, scalingProgress(req.tolerance), onProgress);
    const timeMs = performance.now() - t0;
    if (r.stop === 'non-finite') {
      throw new Error(`Unbalanced transport hit a non-finite value at ε = ${req.epsilon}; try a larger ε.`);
    }
    return massPlanResult(
      r,
      { a, b, n, m, x: req.x },
      {
        iterations: r.iterations,
        converged: r.converged,
        algorithm: req.rho === Infinity ? 'balanced' : 'entropic',
        timeMs,
      },
    );
  },
};
