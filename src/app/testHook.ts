/**
 * Test-only hook (tldraw style): with `?e2e` in the address, exposes the store and a few bridge
 * probes on `window.__ot` so end-to-end tests can seed state and observe the worker, and a fault
 * injector that makes a worker fail mid-solve. It exists only in the end-to-end build (`vite build
 * --mode e2e`, see vite.config.ts): the production build compiles out both this hook and the
 * worker's fault points (workers/faults.ts), so `?e2e` does nothing on the hosted page.
 */
import type { FaultKind } from '../../workers/faults.ts';
import { runWithClouds, solverClient } from '../solver/solver.ts';
import { useStore } from '../state/store.ts';
import { getResult } from '../state/results.ts';

export interface TestHook {
  store: typeof useStore;
  getResult: typeof getResult;
  /** Starts two cost-statistics requests back to back on one lane; resolves with both outcome statuses. */
  supersedeProbe: () => Promise<[string, string]>;
  /**
   * Makes a lane's worker fail in the middle of the job it is running, without superseding it
   * ('throw': the job fails; 'crash': the worker dies; 'hang': it spins without yielding). A
   * non-sliced job (exact OT) cannot be reached while it runs: arm it on the idle lane and the
   * next job fails when it ends. Resolves 'replaced' if the lane's worker was terminated before
   * it armed the fault. See SolverClient.injectFault.
   */
  injectFault: (lane: string, kind: FaultKind) => Promise<'armed' | 'replaced'>;
  /** Shortens the watchdog (ms) for jobs started afterwards, so a test need not wait 10 s. */
  setWatchdog: (pingMs: number, silentMs: number) => void;
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
      const big = (name: string, n: number) => ({
        name,
        points: Float64Array.from({ length: 2 * n }, (_, k) => Math.sin(k * 12.9898) * 2),
        weights: null,
        labels: null,
      });
      const s = { ...useStore.getState().scenario, clouds: [big('Source', 4000), big('Target', 4000)] };
      const first = runWithClouds('probe', s, { bins: 8 }, (api, req, p) => api.costStats(req, p));
      const second = runWithClouds('probe', s, { bins: 8 }, (api, req, p) => api.costStats(req, p));
      const [a, b] = await Promise.all([first, second]);
      return [a.status, b.status];
    },
    injectFault: (lane, kind) => solverClient.injectFault(lane, kind),
    setWatchdog: (pingMs, silentMs) => solverClient.setWatchdog({ pingMs, silentMs }),
  };
}
