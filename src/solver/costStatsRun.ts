/**
 * Keeps the cost statistics of the open scenario up to date: after every change of the clouds or
 * the cost, a new request on the 'stats' lane supersedes the previous one.
 */
import type { CostStatsResult } from '../../workers/api.ts';
import { targetCloud, sourceCloud, type Scenario } from '../scenario/types.ts';
import { startAutoRun } from './autoRun.ts';
import { trackRun } from './trackRun.ts';
import { runWithClouds } from './solver.ts';

export const STATS_LANE = 'stats';
const HISTOGRAM_BINS = 24;

/** Starts one cost-statistics run for `s` and records its summary and result. */
export function runCostStats(s: Scenario): Promise<void> {
  return trackRun<CostStatsResult>(STATS_LANE, s, (onProgress) =>
    runWithClouds(
      STATS_LANE,
      s,
      { bins: HISTOGRAM_BINS },
      (api, req, p) => api.costStats(req, p),
      onProgress,
    ),
  );
}

/** Subscribes to the store; returns the unsubscribe function. */
export function startCostStats(): () => void {
  return startAutoRun({
    deps: (s) => [sourceCloud(s), targetCloud(s), s.cost],
    enabled: () => true,
    run: runCostStats,
    debounceMs: 120,
  });
}
