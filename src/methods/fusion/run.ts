/**
 * Model fusion in the worker, from the app's side: `trainFusion` on lane 'fusion' (the final
 * result, also after Stop); progress carries both models' loss curves, stored under 'fusion-live'.
 * An experiment belongs to the cloud it was trained on: changing the cloud cancels and drops it.
 */
import * as Comlink from 'comlink';
import type { FusionLive, FusionRequest, FusionResult } from '../../../workers/methods/fusionTypes.ts';
import { sourceCloud, type Cloud, type Scenario } from '../../scenario/types.ts';
import { proxied, solverClient, stopRun } from '../../solver/solver.ts';
import { trackRun } from '../../solver/trackRun.ts';
import { clearResult, putResult } from '../../state/results.ts';
import { useStore } from '../../state/store.ts';
import { boxAround } from '../adapt/inputs.ts';
import { dropFederated, FEDERATED_LANE, runFederated } from './federatedRun.ts';
import { fusionOptions, fusionProblem } from './options.ts';
import { watchScenario } from '../../state/watchScenario.ts';

export const FUSION_LANE = 'fusion';
export const FUSION_LIVE_LANE = 'fusion-live';
/** Cells per side of the merged models' decision regions. */
export const FUSION_REGION_CELLS = 64;

let trainedOn: Cloud | null = null;
/** The cloud of the many-models result shown (set when its run starts). */
let mergedOn: Cloud | null = null;

/** Starts the many-models merge on the first cloud of `s`; the result is dropped when that cloud changes. */
export function mergeFederated(s: Scenario): Promise<void> {
  mergedOn = sourceCloud(s);
  return runFederated(s);
}

/**
 * Trains both models on the first cloud of `s`, aligns and merges; the previous run is dropped.
 * A cloud that cannot train them (no labels, one class) gets an error status and no worker run.
 */
export function trainFusion(s: Scenario): Promise<void> {
  dropAll();
  const cloud = sourceCloud(s);
  const problem = fusionProblem(s);
  if (problem) {
    trainedOn = null;
    useStore.getState().setRun(FUSION_LANE, { id: 0, status: 'error', progress: 0, error: problem });
    return Promise.resolve();
  }
  trainedOn = cloud;
  return trackRun<FusionResult>(
    FUSION_LANE,
    s,
    (onProgress) =>
      solverClient.run(
        FUSION_LANE,
        (api, jobId, progress) => {
          const points = cloud.points.slice();
          const labels = cloud.labels && cloud.labels.length ? cloud.labels.slice() : null;
          const transfer = [points.buffer as ArrayBuffer, ...(labels ? [labels.buffer as ArrayBuffer] : [])];
          const req: FusionRequest = {
            jobId,
            points,
            labels,
            options: fusionOptions(s),
            regions: { size: FUSION_REGION_CELLS, bounds: boxAround([cloud]) },
          };
          return api.trainFusion(Comlink.transfer(req, transfer), proxied(progress));
        },
        onProgress,
      ),
    {
      onProgress: (p, runId) => {
        if (p.data) putResult(FUSION_LIVE_LANE, runId, p.data as FusionLive);
      },
      reads: [cloud],
    },
  );
}

/** Stops training after the current step; both models keep that many steps. */
export function stopFusion(): void {
  stopRun(FUSION_LANE);
}

function dropAll(): void {
  if (solverClient.busy(FUSION_LANE)) solverClient.cancel(FUSION_LANE);
  const run = useStore.getState().runs[FUSION_LANE];
  if (run && run.status !== 'running')
    useStore.getState().setRun(FUSION_LANE, { ...run, status: 'cancelled' });
  clearResult(FUSION_LANE);
  clearResult(FUSION_LIVE_LANE);
}

/**
 * While the method is fusion: the first visit trains once (so the stage is never blank), and so
 * does opening a whole new scenario; an edit of the cloud drops the experiment, and a new one
 * waits for Train. Returns the stop function (which cancels the training).
 */
export function startFusionRuns(): () => void {
  const check = (s: Scenario) => {
    if (trainedOn && trainedOn !== sourceCloud(s)) {
      trainedOn = null;
      dropAll();
    }
    if (mergedOn && mergedOn !== sourceCloud(s)) {
      mergedOn = null;
      dropFederated();
    }
  };
  const trainIfIdle = (s: Scenario) => {
    const busy = useStore.getState().runs[FUSION_LANE]?.status === 'running';
    if (!busy && !trainedOn) void trainFusion(s);
  };
  check(useStore.getState().scenario);
  trainIfIdle(useStore.getState().scenario);
  const stopWatch = watchScenario('fusion', (scenario, prev) => {
    check(scenario);
    const a = scenario.clouds;
    const b = prev.clouds;
    // A whole new scenario trains, and so does an edit that makes the cloud trainable (labels loaded).
    const fixed = a !== b && fusionProblem(prev) !== null && fusionProblem(scenario) === null;
    if ((a !== b && a.every((c) => !b.includes(c))) || fixed) trainIfIdle(scenario);
  });
  return () => {
    stopWatch();
    solverClient.cancel(FUSION_LANE);
    solverClient.cancel(FEDERATED_LANE);
  };
}
