/**
 * The sliced method in the worker, from the app's side. Three lanes:
 * - 'sliced' (the main lane): the seeded SW2² estimate over L directions and max-sliced; re-solves
 *   when the clouds, L or the seed change. Its progress (the directions so far) is stored under
 *   'sliced-live', so the chart and the stage show the directions accumulating.
 * - 'sliced-angle': the 1-D problem along θ; re-solves as θ turns (cheap: one projection, two sorts).
 * - 'sliced-flow': the sliced Wasserstein flow, started by its button; progress (the particles and
 *   the fit) goes to 'sliced-flow-live'; Stop ends it and keeps the particles. An edit of the
 *   clouds clears it (it belongs to the clouds it started from).
 */
import type {
  SlicedAngleResult,
  SlicedEstimateLive,
  SlicedEstimateResult,
  SlicedFlowLive,
  SlicedFlowOutcome,
} from '../../../workers/methods/slicedTypes.ts';
import type { Scenario } from '../../scenario/types.ts';
import { startAutoRun } from '../../solver/autoRun.ts';
import { runWithClouds, solverClient, stopRun } from '../../solver/solver.ts';
import { trackRun } from '../../solver/trackRun.ts';
import { clearResult, putResult } from '../../state/results.ts';
import { useStore } from '../../state/store.ts';
import { watchScenario } from '../../state/watchScenario.ts';

export const SLICED_LANE = 'sliced';
export const SLICED_LIVE_LANE = 'sliced-live';
export const SLICED_ANGLE_LANE = 'sliced-angle';
export const SLICED_FLOW_LANE = 'sliced-flow';
export const SLICED_FLOW_LIVE_LANE = 'sliced-flow-live';

const LANES = [SLICED_LANE, SLICED_LIVE_LANE, SLICED_ANGLE_LANE, SLICED_FLOW_LANE, SLICED_FLOW_LIVE_LANE];

/** Solves the estimate of `s` on the main lane. */
export function runSlicedEstimate(s: Scenario): Promise<void> {
  const projections = Number(s.params.projections);
  return trackRun<SlicedEstimateResult>(
    SLICED_LANE,
    s,
    (onProgress) =>
      runWithClouds(
        SLICED_LANE,
        s,
        { projections, seed: s.seed },
        (api, req, progress) => api.slicedEstimate(req, progress),
        onProgress,
      ),
    {
      onProgress: (p, runId) => {
        const data = p.data as SlicedEstimateLive | undefined;
        if (data) putResult(SLICED_LIVE_LANE, runId, data);
      },
    },
  );
}

/** Solves the 1-D problem along the scenario's θ. */
export function runSlicedAngle(s: Scenario): Promise<void> {
  return trackRun<SlicedAngleResult>(SLICED_ANGLE_LANE, s, (onProgress) =>
    runWithClouds(
      SLICED_ANGLE_LANE,
      s,
      { angleDegrees: Number(s.params.angle) },
      (api, req) => api.slicedAngle(req),
      onProgress,
    ),
  );
}

/** Starts the flow of the scenario's source onto its target. */
export function runSlicedFlow(s: Scenario): Promise<void> {
  clearResult(SLICED_FLOW_LIVE_LANE);
  return trackRun<SlicedFlowOutcome>(
    SLICED_FLOW_LANE,
    s,
    (onProgress) =>
      runWithClouds(
        SLICED_FLOW_LANE,
        s,
        {
          steps: Number(s.params.flowSteps),
          stepSize: Number(s.params.stepSize),
          projections: Number(s.params.projections),
          seed: s.seed,
        },
        (api, req, progress) => api.slicedFlow(req, progress),
        onProgress,
      ),
    {
      onProgress: (p, runId) => {
        const data = p.data as SlicedFlowLive | undefined;
        if (data) putResult(SLICED_FLOW_LIVE_LANE, runId, data);
      },
      onDone: () => {
        // Replay the whole motion from the start; with reduced motion, show where it ended.
        const st = useStore.getState();
        const still =
          typeof matchMedia === 'function' && matchMedia('(prefers-reduced-motion: reduce)').matches;
        st.setT(still ? 1 : 0);
        if (!still) st.setPlaying(true);
      },
    },
  );
}

/** Stops the estimate (keeps the directions so far on the stage). */
export const stopSlicedEstimate = (): void => stopRun(SLICED_LANE);
/** Stops the flow after its current step; the particles stay where they are. */
export const stopSlicedFlow = (): void => stopRun(SLICED_FLOW_LANE);

const pair = (s: Scenario) => [s.clouds[0], s.clouds[1]];

/** While sliced is the scenario's method: the estimate and the slice follow every edit. */
export function startSlicedRuns(): () => void {
  const enabled = (s: Scenario) => {
    const on = s.method === 'sliced';
    if (!on) {
      for (const lane of [SLICED_LANE, SLICED_ANGLE_LANE, SLICED_FLOW_LANE]) solverClient.cancel(lane);
      LANES.forEach(clearResult);
    }
    return on;
  };
  const stopEstimate = startAutoRun({
    deps: (s) => [...pair(s), s.params.projections, s.seed],
    enabled,
    run: runSlicedEstimate,
    debounceMs: 40,
  });
  const stopAngle = startAutoRun({
    deps: (s) => [...pair(s), s.params.angle],
    enabled,
    run: runSlicedAngle,
    debounceMs: 0,
  });
  // A flow belongs to the clouds it started from: an edit of them drops it.
  const stopFlowReset = watchScenario('sliced', (a, b) => {
    if (a.clouds[0] === b.clouds[0] && a.clouds[1] === b.clouds[1]) return;
    solverClient.cancel(SLICED_FLOW_LANE);
    clearResult(SLICED_FLOW_LANE);
    clearResult(SLICED_FLOW_LIVE_LANE);
  });
  return () => {
    stopEstimate();
    stopAngle();
    stopFlowReset();
    for (const lane of [SLICED_LANE, SLICED_ANGLE_LANE, SLICED_FLOW_LANE]) solverClient.cancel(lane);
  };
}
