/**
 * Barycenters in the worker, from the app's side.
 *
 * - Lane 'barycenter' re-solves on every edit of the clouds or of the parameters while the
 *   barycenter is the method; the request carries every non-empty cloud (see `inputs.ts`), λ, the
 *   parameters and the seed, and asks for the exact W₂² to each cloud.
 * - Progress carries what to draw (the support as it moves, the grid density as it converges),
 *   stored under 'barycenter-live' so the stage animates while the solve runs.
 * - The grid solver warm-starts from the previous result's scalings when only λ changed (same
 *   clouds, grid size and ε): a drag of the λ control then costs a few iterations per step.
 * - Stop ends the solve and keeps its last drawn state (the shared `stopRun`).
 */
import * as Comlink from 'comlink';
import type {
  BarycenterLive,
  BarycenterRequest,
  BarycenterResult,
} from '../../../workers/methods/barycenterTypes.ts';
import type { Cloud, Scenario } from '../../scenario/types.ts';
import { startAutoRun } from '../../solver/autoRun.ts';
import { cloudPayload, proxied, solverClient, stopRun } from '../../solver/solver.ts';
import { trackRun } from '../../solver/trackRun.ts';
import { clearResult, putResult } from '../../state/results.ts';
import { useStore } from '../../state/store.ts';
import { barycenterInputs, solverOf } from './inputs.ts';
import { BARYCENTER_MORPH_LANE, barycenterToggles, runMorph } from './morph.ts';

/** Lane of the solved barycenter (`BarycenterView`). */
export const BARYCENTER_LANE = 'barycenter';
/** The running solve's latest drawable state (`BarycenterLive`). */
export const BARYCENTER_LIVE_LANE = 'barycenter-live';

/** A solved barycenter with what it was solved for (the result's arrays follow `used`). */
export interface BarycenterView extends BarycenterResult {
  /** Indices of the clouds used, into the scenario's clouds at solve time. */
  used: number[];
  /** Their names, in the same order. */
  names: string[];
  /** λ over them, normalised. */
  weights: Float64Array;
}

/** The last grid solve: the warm start of the next one when only λ changed. */
let lastGrid: { clouds: readonly Cloud[]; gridSize: number; epsilon: number; scalings: Float64Array } | null =
  null;

/** Solves the barycenter of `s` on the lane (nothing, with an error status, when it has no problem to solve). */
export function runBarycenter(s: Scenario): Promise<void> {
  const inputs = barycenterInputs(s);
  const { setRun } = useStore.getState();
  if (inputs.problem) {
    solverClient.cancel(BARYCENTER_LANE);
    clearResult(BARYCENTER_LANE);
    clearResult(BARYCENTER_LIVE_LANE);
    setRun(BARYCENTER_LANE, { id: 0, status: 'error', progress: 0, error: inputs.problem });
    return Promise.resolve();
  }
  const clouds = inputs.used.map((k) => s.clouds[k]);
  const solver = solverOf(s);
  const gridSize = Number(s.params.gridSize);
  const epsilon = Number(s.params.epsilon);
  const warmFrom =
    solver === 'grid' &&
    lastGrid &&
    lastGrid.gridSize === gridSize &&
    lastGrid.epsilon === epsilon &&
    lastGrid.clouds.length === clouds.length &&
    lastGrid.clouds.every((c, k) => c === clouds[k])
      ? lastGrid.scalings
      : null;
  const names = clouds.map((c) => c.name);
  return trackRun<BarycenterView>(
    BARYCENTER_LANE,
    s,
    (onProgress) =>
      solverClient.run(
        BARYCENTER_LANE,
        async (api, jobId, progress) => {
          const transfer: ArrayBuffer[] = [];
          const payload = clouds.map((c) => cloudPayload(c, transfer));
          const warm = warmFrom ? warmFrom.slice() : null;
          if (warm) transfer.push(warm.buffer as ArrayBuffer);
          const lambdas = inputs.lambdas.slice();
          const req: BarycenterRequest = {
            jobId,
            clouds: payload,
            lambdas,
            solver,
            supportSize: Number(s.params.supportSize),
            init: s.params.init === 'first' ? 'first' : 'mixture',
            epsilon,
            gridSize,
            seed: s.seed,
            warm,
            costs: true,
          };
          const r = await api.solveBarycenter(Comlink.transfer(req, transfer), proxied(progress));
          return { ...r, used: inputs.used, names, weights: inputs.lambdas };
        },
        onProgress,
      ),
    {
      onProgress: (p, runId) => {
        const data = p.data as BarycenterLive | undefined;
        if (data) putResult(BARYCENTER_LIVE_LANE, runId, data);
      },
      onDone: (r) => {
        lastGrid = r.scalings ? { clouds, gridSize, epsilon, scalings: r.scalings } : null;
      },
      reads: clouds,
    },
  );
}

/** Stops the running solve; its last drawn state stays on the stage. */
export const stopBarycenter = (): void => stopRun(BARYCENTER_LANE);

/**
 * While the barycenter is the scenario's method: re-solves on every edit of the clouds or the
 * parameters. Returns the stop function (which cancels the lane).
 */
export function startBarycenterRuns(): () => void {
  const stopAuto = startAutoRun({
    deps: (s) => [
      s.clouds,
      s.params.lambdas,
      s.params.solver,
      s.params.supportSize,
      s.params.init,
      s.params.epsilon,
      s.params.gridSize,
      s.seed,
    ],
    enabled: (s) => {
      const on = s.method === 'barycenter';
      if (!on) {
        solverClient.cancel(BARYCENTER_LANE);
        clearResult(BARYCENTER_LANE);
        clearResult(BARYCENTER_LIVE_LANE);
      }
      return on;
    },
    run: runBarycenter,
    debounceMs: 30,
  });
  const stopMorph = startAutoRun({
    deps: (s) => [
      s.clouds,
      s.params.solver,
      s.params.supportSize,
      s.params.init,
      s.params.epsilon,
      s.params.gridSize,
      s.seed,
    ],
    enabled: (s) => {
      const on = s.method === 'barycenter' && barycenterToggles.get().morph;
      if (!on) {
        solverClient.cancel(BARYCENTER_MORPH_LANE);
        clearResult(BARYCENTER_MORPH_LANE);
      }
      return on;
    },
    run: runMorph,
    debounceMs: 150,
  });
  // The toggle is not part of the scenario: turning it on computes the morph at once.
  const stopToggle = barycenterToggles.subscribe((now, before) => {
    if (now.morph === before.morph) return;
    const s = useStore.getState().scenario;
    if (now.morph && s.method === 'barycenter') void runMorph(s);
    else {
      solverClient.cancel(BARYCENTER_MORPH_LANE);
      clearResult(BARYCENTER_MORPH_LANE);
    }
  });
  return () => {
    stopAuto();
    stopMorph();
    stopToggle();
    solverClient.cancel(BARYCENTER_LANE);
    solverClient.cancel(BARYCENTER_MORPH_LANE);
  };
}
