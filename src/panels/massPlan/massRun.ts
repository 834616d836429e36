/**
 * Runs of the plans that need not move all the mass (unbalanced, partial), from the app's side:
 * re-solved on every edit of the clouds, the cost or the parameters while the method is open, on
 * the method's own lane; Stop cancels the solve (the shared `stopRun`).
 */
import type { CloudsRequest, JobProgress, SolverApi } from '../../../workers/api.ts';
import type { MassPlanResult } from '../../../workers/methods/massPlanTypes.ts';
import { sourceCloud, targetCloud, type MethodId, type Scenario } from '../../scenario/types.ts';
import { startAutoRun } from '../../solver/autoRun.ts';
import { runWithClouds, solverClient } from '../../solver/solver.ts';
import { trackRun } from '../../solver/trackRun.ts';
import { clearResult } from '../../state/results.ts';

/** Solves on `lane` with the scenario's clouds and `extra` options. */
export function runMassPlan<Extra extends object>(
  lane: string,
  s: Scenario,
  extra: Extra,
  call: (
    api: SolverApi,
    req: CloudsRequest & Extra,
    onProgress: (p: JobProgress) => void,
  ) => Promise<MassPlanResult>,
): Promise<void> {
  return trackRun<MassPlanResult>(lane, s, (onProgress) => runWithClouds(lane, s, extra, call, onProgress));
}

/**
 * Keeps the plan solved while `method` is the scenario's method; returns the stop function, which
 * cancels the solve and drops the plan (it belongs to the method that solved it).
 */
export function startMassRuns(
  method: MethodId,
  lane: string,
  run: (s: Scenario) => Promise<void>,
): () => void {
  const stop = startAutoRun({
    deps: (s) => [sourceCloud(s), targetCloud(s), s.cost, s.params],
    enabled: (s) => s.method === method,
    run,
  });
  return () => {
    stop();
    solverClient.cancel(lane);
    clearResult(lane);
  };
}
