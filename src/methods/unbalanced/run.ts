/**
 * Unbalanced Sinkhorn in the worker, from the app's side: lane 'unbalanced', re-solved on every
 * edit while it is the method. ρ at or above RHO_BALANCED is sent as ρ = ∞ (balanced).
 */
import { runMassPlan, startMassRuns } from '../../panels/massPlan/massRun.ts';
import type { Scenario } from '../../scenario/types.ts';
import { RHO_BALANCED } from './meta.ts';

export const UNBALANCED_LANE = 'unbalanced';

/** ρ as the kernel takes it: Infinity from RHO_BALANCED up. */
export const kernelRho = (rho: number): number => (rho >= RHO_BALANCED ? Infinity : rho);

export function runUnbalanced(s: Scenario): Promise<void> {
  const opts = {
    epsilon: Number(s.params.epsilon),
    rho: kernelRho(Number(s.params.rho)),
    tolerance: Number(s.params.tolerance),
    maxIterations: Number(s.params.maxIterations),
  };
  return runMassPlan(UNBALANCED_LANE, s, opts, (api, req, progress) => api.solveUnbalanced(req, progress));
}

export const startUnbalancedRuns = (): (() => void) =>
  startMassRuns('unbalanced', UNBALANCED_LANE, runUnbalanced);
