/**
 * Keeps the cost statistics of the open scenario up to date: after every change of the clouds or
 * the cost (debounced), a new request on the 'stats' lane supersedes the previous one.
 */
import type { CostStatsResult } from '../../workers/api.ts';
import { cloudSize, type Scenario } from '../scenario/types.ts';
import { putResult } from '../state/results.ts';
import { useStore } from '../state/store.ts';
import { runWithClouds } from './solver.ts';

export const STATS_LANE = 'stats';
const HISTOGRAM_BINS = 24;
let nextRunId = 1;

/** Starts one cost-statistics run for `s` and records its summary and result. */
export async function runCostStats(s: Scenario): Promise<void> {
  const { setRun, patchRun } = useStore.getState();
  if (cloudSize(s.source) === 0 || cloudSize(s.target) === 0) {
    setRun(STATS_LANE, {
      id: nextRunId++,
      status: 'error',
      progress: 0,
      error: 'Both clouds need at least one point.',
    });
    return;
  }
  const id = nextRunId++;
  const started = performance.now();
  setRun(STATS_LANE, { id, status: 'running', progress: 0 });
  const out = await runWithClouds(
    STATS_LANE,
    s,
    { bins: HISTOGRAM_BINS },
    (api, req, progress) => api.costStats(req, progress),
    (p) => patchRun(STATS_LANE, id, { progress: p.fraction }),
  );
  const elapsedMs = performance.now() - started;
  if (out.status === 'done') {
    putResult(STATS_LANE, id, out.value satisfies CostStatsResult);
    patchRun(STATS_LANE, id, { status: 'done', progress: 1, elapsedMs });
  } else if (out.status === 'error') {
    patchRun(STATS_LANE, id, { status: 'error', error: out.message });
    useStore.getState().notify('error', out.message);
  } else {
    patchRun(STATS_LANE, id, { status: 'cancelled' });
  }
}

/** Subscribes to the store; returns the unsubscribe function. */
export function startCostStats(debounceMs = 120): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const schedule = (s: Scenario) => {
    clearTimeout(timer);
    timer = setTimeout(() => void runCostStats(s), debounceMs);
  };
  schedule(useStore.getState().scenario);
  const unsub = useStore.subscribe((state, prev) => {
    const s = state.scenario;
    const p = prev.scenario;
    if (s.source !== p.source || s.target !== p.target || s.cost !== p.cost) schedule(s);
  });
  return () => {
    clearTimeout(timer);
    unsub();
  };
}
