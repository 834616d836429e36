/**
 * Brenier maps in the worker, from the app's side.
 *
 * - The entropic map re-solves on every change of the clouds or of ε while the method is Brenier
 *   (lane 'brenier'), whichever estimator is shown: it is cheap, and it is the yardstick the
 *   neural map is compared with.
 * - The neural (ICNN) map trains on demand (`trainBrenierIcnn`, lane 'brenier-icnn'); progress
 *   carries the loss curve and previews of the map, stored under 'brenier-icnn-live'. "Stop" asks
 *   the worker to end training after its current step and return the map so far
 *   (`stopBrenierIcnn`). A trained map belongs to the clouds it was trained on: changing them (or
 *   the cost) cancels the training and drops the map.
 */
import type { JobProgress } from '../../../workers/api.ts';
import type { BrenierResult, BrenierTrainingProgress } from '../../../workers/methods/brenierTypes.ts';
import { sourceCloud, targetCloud, type Cloud, type Scenario } from '../../scenario/types.ts';
import { clearResult, getResult, putResult } from '../../state/results.ts';
import { useStore } from '../../state/store.ts';
import { startAutoRun } from '../../solver/autoRun.ts';
import { runWithClouds, solverClient, stopRun } from '../../solver/solver.ts';
import { trackRun } from '../../solver/trackRun.ts';
import { watchScenario } from '../../state/watchScenario.ts';

/** Lane of the entropic map. */
export const BRENIER_LANE = 'brenier';
/** Lane of the trained ICNN map (final result, also after Stop). */
export const BRENIER_ICNN_LANE = 'brenier-icnn';
/** Live training state: `BrenierTrainingProgress` (curve, and the latest preview map). */
export const BRENIER_ICNN_LIVE_LANE = 'brenier-icnn-live';

/** The entropic map of `s` (relative ε from its params). */
export function runBrenierEntropic(s: Scenario): Promise<void> {
  const epsilon = Number(s.params.epsilon);
  return trackRun<BrenierResult>(BRENIER_LANE, s, (onProgress) =>
    runWithClouds(
      BRENIER_LANE,
      s,
      { epsilon },
      (api, req, p) => api.solveBrenierEntropic(req, p),
      onProgress,
    ),
  );
}

/** The clouds (and cost) the current neural map was trained on. */
let trainedOn: { source: Cloud; target: Cloud; cost: Scenario['cost'] } | null = null;

/**
 * Trains the ICNN map of `s` (width, steps, learning rate from its params; its seed). The previous
 * map is dropped; until training ends, the stage draws the live previews.
 */
export function trainBrenierIcnn(s: Scenario): Promise<void> {
  const extra = {
    width: Number(s.params.icnnWidth),
    steps: Number(s.params.icnnSteps),
    learningRate: Number(s.params.icnnLearningRate),
    seed: s.seed,
  };
  clearResult(BRENIER_ICNN_LANE);
  clearResult(BRENIER_ICNN_LIVE_LANE);
  trainedOn = { source: sourceCloud(s), target: targetCloud(s), cost: s.cost };
  return trackRun<BrenierResult>(
    BRENIER_ICNN_LANE,
    s,
    (onProgress) =>
      runWithClouds(BRENIER_ICNN_LANE, s, extra, (api, req, p) => api.trainBrenierIcnn(req, p), onProgress),
    {
      onProgress: (p: JobProgress, runId) => {
        const data = p.data as BrenierTrainingProgress | undefined;
        if (!data) return;
        // Most messages carry only the curve: keep the last preview map.
        const prev = getResult<BrenierTrainingProgress>(BRENIER_ICNN_LIVE_LANE)?.value;
        const next: BrenierTrainingProgress = {
          training: data.training,
          preview: data.preview ?? prev?.preview,
        };
        putResult(BRENIER_ICNN_LIVE_LANE, runId, next);
      },
    },
  );
}

/**
 * Stops the running training after its current step; the worker returns the map so far, which
 * becomes the result. A worker that does not answer in time is cancelled (the last preview stays).
 */
export const stopBrenierIcnn = (): void => stopRun(BRENIER_ICNN_LANE);

/** Drops the trained map (and stops a training) — it belonged to other clouds. */
function dropIcnn(): void {
  if (solverClient.busy(BRENIER_ICNN_LANE)) solverClient.cancel(BRENIER_ICNN_LANE);
  clearResult(BRENIER_ICNN_LANE);
  clearResult(BRENIER_ICNN_LIVE_LANE);
  const run = useStore.getState().runs[BRENIER_ICNN_LANE];
  if (run && run.status !== 'running')
    useStore.getState().setRun(BRENIER_ICNN_LANE, { ...run, status: 'cancelled' });
}

const applies = (s: Scenario) => s.method === 'brenier' && s.cost === 'sqeuclidean';

/**
 * While the Brenier panel is mounted: keeps the entropic map solved, and drops the neural map
 * when the clouds or the cost change. Returns the stop function (which cancels both lanes).
 */
export function startBrenierRuns(): () => void {
  const stopAuto = startAutoRun({
    deps: (s) => [sourceCloud(s), targetCloud(s), s.cost, s.params.epsilon],
    enabled: (s) => {
      const on = applies(s);
      if (!on) {
        solverClient.cancel(BRENIER_LANE);
        clearResult(BRENIER_LANE);
      }
      return on;
    },
    run: runBrenierEntropic,
    debounceMs: 30,
  });
  const check = (s: Scenario) => {
    const t = trainedOn;
    if (t && (t.source !== sourceCloud(s) || t.target !== targetCloud(s) || t.cost !== s.cost)) {
      trainedOn = null;
      dropIcnn();
    }
  };
  // The clouds may have changed while another method was open, too.
  check(useStore.getState().scenario);
  const stopWatch = watchScenario('brenier', check);
  return () => {
    stopAuto();
    stopWatch();
    solverClient.cancel(BRENIER_LANE);
    solverClient.cancel(BRENIER_ICNN_LANE);
  };
}
