/** Partial transport in the worker, from the app's side: lane 'partial', re-solved on every edit. */
import { runMassPlan, startMassRuns } from '../../panels/massPlan/massRun.ts';
import type { Scenario } from '../../scenario/types.ts';

export const PARTIAL_LANE = 'partial';

export function runPartial(s: Scenario): Promise<void> {
  const opts = {
    mass: Number(s.params.mass),
    epsilon: Number(s.params.epsilon),
    maxIterations: Number(s.params.maxIterations),
  };
  return runMassPlan(PARTIAL_LANE, s, opts, (api, req, progress) => api.solvePartial(req, progress));
}

export const startPartialRuns = (): (() => void) => startMassRuns('partial', PARTIAL_LANE, runPartial);
