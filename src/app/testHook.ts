/**
 * Test-only hook (tldraw style): with `?e2e` in the address, exposes the store and a few bridge
 * probes on `window.__ot` so end-to-end tests can seed state and observe the worker. It exposes
 * nothing a user could not do through the page, and is absent otherwise.
 */
import { runWithClouds, solverClient } from '../solver/solver.ts';
import { useStore } from '../state/store.ts';
import { getResult } from '../state/results.ts';

export interface TestHook {
  store: typeof useStore;
  getResult: typeof getResult;
  /** Starts two cost-statistics requests back to back on one lane; resolves with both outcome statuses. */
  supersedeProbe: () => Promise<[string, string]>;
  /** Injects a worker fault on a lane: 'crash' kills the worker, 'hang' spins forever. */
  fault: (lane: string, kind: 'throw' | 'crash' | 'hang') => Promise<string>;
}

declare global {
  interface Window {
    __ot?: TestHook;
  }
}

export function installTestHook(): void {
  if (!new URLSearchParams(location.search).has('e2e')) return;
  // Animations off in e2e: tests scrub time themselves.
  useStore.getState().setPlaying(false);
  window.__ot = {
    store: useStore,
    getResult,
    supersedeProbe: async () => {
      // A problem big enough (16M pairs, two passes) that the first request is still running,
      // time-sliced, when the second arrives: the cancel must land between its slices.
      const big = (n: number) => ({
        points: Float64Array.from({ length: 2 * n }, (_, k) => Math.sin(k * 12.9898) * 2),
        weights: null,
        labels: null,
      });
      const s = { ...useStore.getState().scenario, source: big(4000), target: big(4000) };
      const first = runWithClouds('probe', s, { bins: 8 }, (api, req, p) => api.costStats(req, p));
      const second = runWithClouds('probe', s, { bins: 8 }, (api, req, p) => api.costStats(req, p));
      const [a, b] = await Promise.all([first, second]);
      return [a.status, b.status];
    },
    fault: async (lane, kind) => {
      const out = await solverClient.run(lane, (api) => api.fault(kind));
      return out.status === 'error' ? `error: ${out.message}` : out.status;
    },
  };
}
