/**
 * Solves the open scenario's transport plan whenever the clouds, the cost or the method's
 * parameters change (the plan follows while the user drags), on the 'plan' lane. Sinkhorn runs
 * warm-started from the last potentials when the cloud sizes are unchanged, and streams its
 * iterates to the 'plan-iterate' lane so the stage draws the plan sharpening. For Sinkhorn the
 * exact cost is kept on the 'exact-ref' lane, so the panel can show the gap.
 */
import type { JobProgress, PlanResult } from '../../../workers/api.ts';
import type { SinkhornIterate } from '../../../workers/methods/sinkhorn.ts';
import { PLAN_ITERATE_LANE, PLAN_LANE, type LivePlan } from './planLayer.ts';
import { targetCloud, sourceCloud, cloudSize, type Scenario } from '../../scenario/types.ts';
import { clearResult, getResult, putResult } from '../../state/results.ts';
import { startAutoRun } from '../../solver/autoRun.ts';
import { runWithClouds, solverClient, stopRun } from '../../solver/solver.ts';
import { trackRun } from '../../solver/trackRun.ts';

export const EXACT_REF_LANE = 'exact-ref';
/** Largest n·m for which the exact reference runs beside Sinkhorn (about a second of work). */
export const EXACT_REF_MAX_PAIRS = 2_000_000;

/** Potentials of the last Sinkhorn solve, reused as a warm start when the sizes match. */
function warmStart(s: Scenario): { f: Float64Array; g: Float64Array } | null {
  const last = getResult<PlanResult>(PLAN_LANE)?.value;
  if (!last || last.epsilon === undefined) return null;
  if (last.f.length !== cloudSize(sourceCloud(s)) || last.g.length !== cloudSize(targetCloud(s))) return null;
  return { f: last.f.slice(), g: last.g.slice() };
}

function runSinkhorn(s: Scenario): Promise<void> {
  const warm = warmStart(s);
  const history = { iterations: [] as number[], errors: [] as number[] };
  const opts = {
    epsilon: Number(s.params.epsilon),
    tolerance: Number(s.params.tolerance),
    maxIterations: Number(s.params.maxIterations),
    warm,
  };
  return trackRun<PlanResult>(
    PLAN_LANE,
    s,
    (onProgress) =>
      runWithClouds(PLAN_LANE, s, opts, (api, req, progress) => api.solveSinkhorn(req, progress), onProgress),
    {
      onProgress: (p: JobProgress, runId) => {
        const it = (p as JobProgress<SinkhornIterate>).data;
        if (!it) return;
        history.iterations.push(it.iteration);
        history.errors.push(it.marginalError);
        const live: LivePlan = { ...it, history };
        putResult(PLAN_ITERATE_LANE, runId, live);
      },
    },
  );
}

export function runPlan(s: Scenario): Promise<void> {
  if (s.method === 'sinkhorn') return runSinkhorn(s);
  return trackRun<PlanResult>(PLAN_LANE, s, (onProgress) =>
    runWithClouds(PLAN_LANE, s, {}, (api, req) => api.solveExact(req), onProgress),
  );
}

/** Stops the running plan solve (the Stop button); the last drawn iterate stays. */
export const stopPlan = (): void => stopRun(PLAN_LANE);

function runExactReference(s: Scenario): Promise<void> {
  return trackRun<PlanResult>(EXACT_REF_LANE, s, (onProgress) =>
    runWithClouds(EXACT_REF_LANE, s, {}, (api, req) => api.solveExact(req), onProgress),
  );
}

/**
 * Keeps `method`'s plan solved while it is the scenario's method (Sinkhorn also keeps the exact
 * reference); returns the stop function, which cancels the solves and drops the plan: a plan
 * belongs to the method that solved it, so the other method's panel never shows it as its own.
 */
export function startPlanRuns(method: 'exact' | 'sinkhorn'): () => void {
  const mine = (s: Scenario) => s.method === method;
  const stopPlanRuns = startAutoRun({
    deps: (s) => [sourceCloud(s), targetCloud(s), s.cost, s.params],
    enabled: mine,
    run: runPlan,
  });
  const stopRef =
    method === 'sinkhorn'
      ? startAutoRun({
          deps: (s) => [sourceCloud(s), targetCloud(s), s.cost],
          enabled: (s) =>
            mine(s) && cloudSize(sourceCloud(s)) * cloudSize(targetCloud(s)) <= EXACT_REF_MAX_PAIRS,
          run: runExactReference,
          debounceMs: 150,
        })
      : () => {};
  return () => {
    stopPlanRuns();
    stopRef();
    solverClient.cancel(PLAN_LANE);
    solverClient.cancel(EXACT_REF_LANE);
    clearResult(PLAN_LANE);
    clearResult(PLAN_ITERATE_LANE);
  };
}
