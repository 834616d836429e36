/**
 * Worker method: partial transport, exact (network simplex with dummy points, which does not
 * yield: cancel terminates the worker) or entropic (time-sliced and cancellable).
 */
import { partialExact } from '../kernels/unbalanced/partial.ts';
import { partialEntropicSteps } from '../kernels/unbalanced/partialEntropic.ts';
import { densePlan, planMarginals } from '../kernels/plan.ts';
import { balancedProblem } from '../kernels/problem.ts';
import { hilbertOrder } from '../kernels/spatialOrder.ts';
import { runSteps } from '../runner.ts';
import type { JobProgress } from '../api.ts';
import { massPlanResult, scalingProgress } from './massPlan.ts';
import type { MassPlanProgress, MassPlanResult, PartialRequest } from './massPlanTypes.ts';

/** Entropic stopping tolerance (largest change of a log-scaling, nats). */
const TOLERANCE = 1e-9;

export const partialMethods = {
  /** Moves `mass` of the clouds' weights (normalised to 1); epsilon = 0 solves exactly. */
  async solvePartial(
    req: PartialRequest,
    onProgress?: (p: JobProgress<MassPlanProgress>) => void,
  ): Promise<MassPlanResult> {
    const { a, b, C, n, m } = balancedProblem(req.x, req.y, req.a, req.b, req.cost);
    const t0 = performance.now();
    const p = { a, b, n, m, x: req.x };
    if (req.epsilon === 0) {
      const r = partialExact(a, b, C, req.mass);
      if (r.status !== 'optimal')
        throw new Error('The exact solver stopped at its iteration cap before the optimum.');
      const plan = densePlan(r.plan, n, m);
      const { rows, cols } = planMarginals(plan, n, m);
      const timeMs = performance.now() - t0;
      return massPlanResult({ plan, cost: r.cost, mass: r.mass, rowMass: rows, colMass: cols }, p, {
        iterations: r.iterations,
        converged: true,
        algorithm: 'exact',
        timeMs,
      });
    }
    const steps = partialEntropicSteps(a, b, C, {
      mass: req.mass,
      epsilon: req.epsilon,
      tolerance: TOLERANCE,
      maxIterations: req.maxIterations,
      sourceOrder: hilbertOrder(req.x),
      targetOrder: hilbertOrder(req.y),
      yieldEvery: 5,
    });
    const r = await runSteps(req.jobId, steps, scalingProgress(TOLERANCE), onProgress);
    const timeMs = performance.now() - t0;
    if (r.stop === 'non-finite') {
      throw new Error(`Partial transport hit a non-finite value at ε = ${req.epsilon}; try a larger ε.`);
    }
    return massPlanResult(r, p, {
      iterations: r.iterations,
      converged: r.converged,
      algorithm: 'entropic',
      timeMs,
    });
  },
};
