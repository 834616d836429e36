/**
 * Worker method: Sinkhorn with live iterates. The kernel yields every few iterations; the runner
 * forwards at most ~25 of those a second, each carrying the drawn part of the current plan, so
 * the stage shows the plan sharpening while the solve runs.
 */
import * as Comlink from 'comlink';
import type { CloudsRequest, JobProgress, PlanResult, SinkhornRequestOptions } from '../api.ts';
import type { SparsePlan } from '../kernels/exact/exact.ts';
import { sparsifyPlan } from '../kernels/plan.ts';
import { planImageDense } from '../kernels/planImage.ts';
import { balancedProblem } from '../kernels/problem.ts';
import { sinkhornSteps, type SinkhornProgress } from '../kernels/sinkhorn/sinkhorn.ts';
import { hilbertOrder } from '../kernels/spatialOrder.ts';
import { planTransferList } from '../planResult.ts';
import { runSteps } from '../runner.ts';

/** At most this many plan entries cross the boundary for drawing. */
const MAX_DRAWN = 8000;
/** Entries below this fraction of the largest entry are not drawn. */
const DRAW_CUTOFF = 0.01;

/** The largest entries of a sparse plan, at most `max` (by a threshold found by bisection on mass). */
function largest(p: SparsePlan, max: number): SparsePlan {
  if (p.mass.length <= max) return p;
  let lo = 0;
  let hi = 0;
  for (const v of p.mass) hi = Math.max(hi, v);
  for (let k = 0; k < 40; k++) {
    const mid = (lo + hi) / 2;
    let c = 0;
    for (const v of p.mass) if (v >= mid) c++;
    if (c > max) lo = mid;
    else hi = mid;
  }
  const keep: number[] = [];
  for (let k = 0; k < p.mass.length && keep.length < max; k++) if (p.mass[k] >= hi) keep.push(k);
  return {
    i: Int32Array.from(keep, (k) => p.i[k]),
    j: Int32Array.from(keep, (k) => p.j[k]),
    mass: Float64Array.from(keep, (k) => p.mass[k]),
  };
}

/**
 * The entries to draw from a dense n×m plan: those above 1% of the largest, at most 8000 (the
 * largest). Shared by every method that draws a dense plan.
 */
export function drawnEntries(plan: Float64Array, n: number, m: number): SparsePlan {
  let maxEntry = 0;
  for (let k = 0; k < n * m; k++) if (plan[k] > maxEntry) maxEntry = plan[k];
  return largest(sparsifyPlan(plan, n, m, Math.max(maxEntry * DRAW_CUTOFF, Number.MIN_VALUE)), MAX_DRAWN);
}

/** A drawable iterate: the plan's drawn entries and the convergence so far. */
export interface SinkhornIterate {
  plan: SparsePlan;
  iteration: number;
  epsilon: number;
  marginalError: number;
}

export const sinkhornMethods = {
  /** Sinkhorn to the requested tolerance; progress carries drawable iterates. Cancellable. */
  async solveSinkhorn(
    req: CloudsRequest & SinkhornRequestOptions,
    onProgress?: (p: JobProgress<SinkhornIterate>) => void,
  ): Promise<PlanResult> {
    const { a, b, C, n, m } = balancedProblem(req.x, req.y, req.a, req.b, req.cost);
    const warm = req.warm && req.warm.f.length === n && req.warm.g.length === m ? req.warm : undefined;
    const t0 = performance.now();
    let firstError = NaN;
    const steps = sinkhornSteps(a, b, C, {
      epsilon: req.epsilon,
      tolerance: req.tolerance,
      maxIterations: req.maxIterations,
      warmStart: warm,
      sourceOrder: hilbertOrder(req.x),
      targetOrder: hilbertOrder(req.y),
      yieldEvery: 5,
    });
    const r = await runSteps(
      req.jobId,
      steps,
      (p: SinkhornProgress): JobProgress<SinkhornIterate> => {
        if (!(firstError > 0)) firstError = p.marginalError;
        // Progress on a log scale from the first error down to the tolerance.
        const span = Math.log(firstError / req.tolerance);
        const done = span > 0 ? Math.log(firstError / Math.max(p.marginalError, req.tolerance)) / span : 0;
        const plan = drawnEntries(p.plan(), n, m);
        const data: SinkhornIterate = {
          plan,
          iteration: p.iteration,
          epsilon: p.epsilon,
          marginalError: p.marginalError,
        };
        return Comlink.transfer(
          { fraction: Math.min(0.99, Math.max(0, done)), text: `iteration ${p.iteration}`, data },
          [plan.i.buffer, plan.j.buffer, plan.mass.buffer] as ArrayBuffer[],
        );
      },
      onProgress,
    );
    const timeMs = performance.now() - t0;
    if (r.stop === 'non-finite') {
      throw new Error(
        'Sinkhorn hit a non-finite value; the last good iterate was kept but is not a solution.',
      );
    }
    const iterations = Float64Array.from(r.errorHistory, (_, k) => k + 1);
    const out: PlanResult = {
      n,
      m,
      plan: drawnEntries(r.plan, n, m),
      image: planImageDense(r.plan, req.x, m),
      cost: r.cost,
      entropy: r.entropy,
      f: r.f,
      g: r.g,
      iterations: r.iterations,
      marginalError: r.marginalError,
      converged: r.converged,
      timeMs,
      errorHistory: { iterations, errors: r.errorHistory },
      stages: r.stages,
      stop: r.stop,
      // The ε solved at: the request's, or the kernel's floor when it was below the costs' rounding.
      epsilon: r.epsilon,
    };
    return Comlink.transfer(out, planTransferList(out));
  },
};
