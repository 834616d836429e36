/**
 * The W1 critic in the worker, from the app's side.
 *
 * - Critic mode trains on demand (`trainCritic`, lane 'critic'); progress carries the estimate's
 *   curve, the exact W1 and potential, and previews of the critic, stored under 'critic-live'.
 * - Generator mode (`trainWgan`, lane 'critic-wgan'); progress carries the generator's samples,
 *   stored under 'critic-wgan-live'.
 * "Stop" asks the worker to end training after its current step and keep what it has. A trained
 * critic or generator belongs to the clouds it was trained on: changing them cancels the training
 * and drops it.
 */
import type { JobProgress } from '../../../workers/api.ts';
import type {
  CriticLive,
  CriticResult,
  WganLive,
  WganRunResult,
} from '../../../workers/methods/criticTypes.ts';
import { criticOptions } from './options.ts';
import { sourceCloud, targetCloud, type Cloud, type Scenario } from '../../scenario/types.ts';
import { runWithClouds, solverClient, stopRun } from '../../solver/solver.ts';
import { trackRun } from '../../solver/trackRun.ts';
import { clearResult, getResult, putResult } from '../../state/results.ts';
import { useStore } from '../../state/store.ts';
import { watchScenario } from '../../state/watchScenario.ts';

/** Lane of a critic's training (final result, also after Stop). */
export const CRITIC_LANE = 'critic';
/** Live training state: `CriticLive`. */
export const CRITIC_LIVE_LANE = 'critic-live';
/** Lane of a generator's training, and its live samples (`WganLive`). */
export const WGAN_LANE = 'critic-wgan';
export const WGAN_LIVE_LANE = 'critic-wgan-live';

/** Lattice points per side of the critic's heatmap. */
export const CRITIC_GRID_SIZE = 64;

/** The clouds the current critic or generator was trained on. */
let trainedOn: { source: Cloud; target: Cloud } | null = null;

function live<T>(lane: string) {
  return (p: JobProgress, runId: number) => {
    if (p.data) putResult(lane, runId, p.data as T);
  };
}

/** Trains a critic (or, in generator mode, a generator) on `s`; the previous one is dropped. */
export function trainCritic(s: Scenario): Promise<void> {
  dropAll();
  trainedOn = { source: sourceCloud(s), target: targetCloud(s) };
  const options = criticOptions(s);
  if (s.params.mode === 'generator') {
    const extra = {
      options: { ...options, generatorSteps: Number(s.params.trainSteps) },
      gridSize: CRITIC_GRID_SIZE,
    };
    return trackRun<WganRunResult>(
      WGAN_LANE,
      s,
      (onProgress) => runWithClouds(WGAN_LANE, s, extra, (api, req, p) => api.trainWgan(req, p), onProgress),
      { onProgress: live<WganLive>(WGAN_LIVE_LANE) },
    );
  }
  const extra = { options, contrast: s.params.contrast === true, gridSize: CRITIC_GRID_SIZE };
  return trackRun<CriticResult>(
    CRITIC_LANE,
    s,
    (onProgress) =>
      runWithClouds(CRITIC_LANE, s, extra, (api, req, p) => api.trainCritic(req, p), onProgress),
    {
      onProgress: (p, runId) => {
        const data = p.data as CriticLive | undefined;
        if (!data) return;
        // Most messages carry no grid: keep the last preview.
        const prev = liveCritic();
        putResult(CRITIC_LIVE_LANE, runId, { ...data, grid: data.grid ?? prev?.grid ?? null });
      },
    },
  );
}

/** The latest live critic state, if any. */
export function liveCritic(): CriticLive | undefined {
  return getResult<CriticLive>(CRITIC_LIVE_LANE)?.value;
}

/** Stops the running training (critic or generator) after its current step, keeping it. */
export function stopCritic(): void {
  stopRun(solverClient.busy(WGAN_LANE) ? WGAN_LANE : CRITIC_LANE);
}

/** Drops every trained state (and cancels trainings): they belonged to other clouds. */
function dropAll(): void {
  for (const lane of [CRITIC_LANE, WGAN_LANE]) {
    if (solverClient.busy(lane)) solverClient.cancel(lane);
    const run = useStore.getState().runs[lane];
    if (run && run.status !== 'running') useStore.getState().setRun(lane, { ...run, status: 'cancelled' });
  }
  for (const lane of [CRITIC_LANE, CRITIC_LIVE_LANE, WGAN_LANE, WGAN_LIVE_LANE]) clearResult(lane);
}

/**
 * While the method is the critic: the first visit trains once, so the stage is never blank, and so
 * does opening a whole new scenario (a file, a link, the gallery: every cloud replaced); an edit of
 * the clouds drops the trained critic, and a new one waits for Train. Returns the stop function
 * (which cancels the trainings).
 */
export function startCriticRuns(): () => void {
  const check = (s: Scenario) => {
    const t = trainedOn;
    if (t && (t.source !== sourceCloud(s) || t.target !== targetCloud(s))) {
      trainedOn = null;
      dropAll();
    }
  };
  const trainIfIdle = (s: Scenario) => {
    const runs = useStore.getState().runs;
    const busy = [CRITIC_LANE, WGAN_LANE].some((lane) => runs[lane]?.status === 'running');
    if (!busy && !trainedOn) void trainCritic(s);
  };
  check(useStore.getState().scenario);
  trainIfIdle(useStore.getState().scenario);
  const stopWatch = watchScenario('critic', (scenario, prev) => {
    check(scenario);
    const a = scenario.clouds;
    const b = prev.clouds;
    if (a !== b && a.every((c) => !b.includes(c))) trainIfIdle(scenario);
  });
  return () => {
    stopWatch();
    solverClient.cancel(CRITIC_LANE);
    solverClient.cancel(WGAN_LANE);
  };
}
