/**
 * Solves the open scenario's transport plan whenever the clouds, the cost or the method's
 * parameters change (the plan follows while the user drags), on the 'plan' lane. For Sinkhorn it
 * also keeps the exact cost on the 'exact-ref' lane, so the panel can show the gap.
 */
import type { PlanResult } from '../../workers/api.ts';
import { PLAN_ITERATE_LANE, PLAN_LANE } from '../panels/plan/planLayer.ts';
import { cloudSize, type Scenario } from '../scenario/types.ts';
import { clearResult } from '../state/results.ts';
import { startAutoRun } from './autoRun.ts';
import { runWithClouds } from './solver.ts';
import { trackRun } from './trackRun.ts';

export const EXACT_REF_LANE = 'exact-ref';
/** Largest n·m for which the exact reference runs beside Sinkhorn (about a second of work). */
export const EXACT_REF_MAX_PAIRS = 2_000_000;

const PLAN_METHODS = new Set(['exact', 'sinkhorn']);

export function runPlan(s: Scenario): Promise<void> {
  if (s.method === 'exact') {
    return trackRun<PlanResult>(PLAN_LANE, s, (onProgress) =>
      runWithClouds(PLAN_LANE, s, {}, (api, req) => api.solveExact(req), onProgress),
    );
  }
  throw new Error(`no plan solver for ${s.method}`);
}

function runExactReference(s: Scenario): Promise<void> {
  return trackRun<PlanResult>(EXACT_REF_LANE, s, (onProgress) =>
    runWithClouds(EXACT_REF_LANE, s, {}, (api, req) => api.solveExact(req), onProgress),
  );
}

/** Subscribes the plan and exact-reference runs to the store; returns the unsubscribe function. */
export function startPlanRuns(): () => void {
  const stopPlan = startAutoRun({
    deps: (s) => [s.source, s.target, s.cost, s.method, s.params],
    enabled: (s) => {
      const on = PLAN_METHODS.has(s.method);
      if (!on) {
        clearResult(PLAN_LANE);
        clearResult(PLAN_ITERATE_LANE);
      }
      return on;
    },
    run: runPlan,
  });
  const stopRef = startAutoRun({
    deps: (s) => [s.source, s.target, s.cost],
    enabled: (s) =>
      s.method === 'sinkhorn' && cloudSize(s.source) * cloudSize(s.target) <= EXACT_REF_MAX_PAIRS,
    run: runExactReference,
    debounceMs: 150,
  });
  return () => {
    stopPlan();
    stopRef();
  };
}
