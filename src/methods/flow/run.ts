/**
 * Rectified flow / flow matching training, from the app's side.
 *
 * - A training (`trainFlowModel`) or one Reflow round from the selected model (`reflowSelected`)
 *   runs on lane 'flow-train'; progress carries the loss of every step and weight snapshots with
 *   previews, kept in the flow state's `live` so the chart and the stage show the network learning.
 *   Stop ends it after the current step and keeps the network (the shared `stopRun`).
 * - `trainScenario` trains, then runs the scenario's `reflow` rounds one after another (each from
 *   the model the previous produced), so a scenario or link asking for `reflow = k` opens on its
 *   k-th Reflow model (`k+1`-RF). A Stop or an error ends the chain with what is done.
 */
import * as Comlink from 'comlink';
import type { JobProgress } from '../../../workers/api.ts';
import type {
  Coupling,
  FlowTrainProgress,
  FlowTrainResult,
  Integrator,
} from '../../../workers/methods/flowTypes.ts';
import type { Scenario } from '../../scenario/types.ts';
import { proxied, solverClient, stopRun } from '../../solver/solver.ts';
import { trackRun } from '../../solver/trackRun.ts';
import { isDrawable } from '../../state/results.ts';
import { useStore } from '../../state/store.ts';
import { evaluatePending, startFlowPaths } from './paths.ts';
import {
  copyModel,
  dataRequest,
  flowState,
  selectedEntry,
  startPoints,
  trainConfig,
  type FlowEntry,
} from './state.ts';
import { watchScenario } from '../../state/watchScenario.ts';

export const FLOW_TRAIN_LANE = 'flow-train';

/** Particles of the training previews. */
const PREVIEW_PARTICLES = 300;

/** The model's name from how it was trained: 1-RF, 2-RF, ..., OT-CFM, OT-CFM + 1 Reflow (#2 for repeats). */
function nameFor(coupling: Coupling, round: number): string {
  const base = coupling === 'minibatch-ot' ? 'OT-CFM' : '1-RF';
  const name =
    round === 1 ? base : coupling === 'minibatch-ot' ? `OT-CFM + ${round - 1} Reflow` : `${round}-RF`;
  const taken = new Set(flowState.get().models.map((m) => m.name));
  if (!taken.has(name)) return name;
  let k = 2;
  while (taken.has(`${name} #${k}`)) k++;
  return `${name} #${k}`;
}

let nextModelId = 1;
/** Bumped when the models are dropped: a training started before then no longer adds its model. */
let generation = 0;

/**
 * Trains a new network (kind 'train') or runs one Reflow round from the selected model, on the
 * Flow scenario `s` (the open one unless a scenario's training chain goes on after another method
 * was opened: its Reflow rounds keep its parameters). Resolves with the new model's entry once it
 * is listed (null when nothing was trained: an error, or a Reflow without a model).
 */
async function runTraining(
  kind: 'train' | 'reflow',
  s: Scenario = useStore.getState().scenario,
): Promise<FlowEntry | null> {
  const config = trainConfig(s);
  const parent = kind === 'reflow' ? selectedEntry() : undefined;
  if (kind === 'reflow' && !parent) return null;
  const gen = generation;
  const coupling = parent?.coupling ?? config.coupling;
  const round = parent ? parent.round + 1 : 1;
  const name = nameFor(coupling, round);
  const eulerSteps = Number(s.params.eulerSteps);
  const method = (s.params.integrator === 'heun' ? 'heun' : 'euler') as Integrator;
  flowState.set({
    lastConfig: config,
    lastOutcome: null,
    live: {
      name,
      phase: kind === 'reflow' ? 'pairs' : 'train',
      step: 0,
      steps: config.trainSteps,
      losses: new Float64Array(config.trainSteps),
      count: 0,
      preview: null,
      snapshot: null,
    },
  });
  const options = {
    seed: s.seed,
    steps: config.trainSteps,
    batchSize: config.batchSize,
    learningRate: config.learningRate,
    net: { width: config.width, depth: config.depth, timeFeatures: 2 },
    snapshotEvery: Math.max(25, Math.round(config.trainSteps / 12)),
  };
  let added: FlowEntry | null = null;
  const finish = (r: FlowTrainResult | null, stoppedAt?: number) => {
    if (gen !== generation) return;
    const live = flowState.get().live;
    const model = r?.model ?? live?.snapshot;
    if (!model) return flowState.set({ live: null });
    const entry: FlowEntry = {
      id: nextModelId++,
      name,
      coupling,
      round,
      model,
      losses: r?.losses ?? (live ? live.losses.slice(0, live.count) : new Float64Array(0)),
      stepsDone: r?.stepsDone ?? stoppedAt ?? 0,
      steps: config.trainSteps,
      stopped: r?.stopped ?? true,
      trainMs: r ? r.trainMs + r.pairsMs : 0,
      pairsMs: r?.pairsMs ?? 0,
      config,
      evaluation: null,
      evalKey: null,
    };
    added = entry;
    flowState.set((st) => ({
      models: [...st.models, entry],
      selectedId: entry.id,
      live: null,
      lastOutcome: { name, stopped: entry.stopped, stepsDone: entry.stepsDone, steps: entry.steps },
    }));
    evaluatePending();
  };
  await trackRun<FlowTrainResult>(
    FLOW_TRAIN_LANE,
    s,
    async (onProgress) => {
      const out = await solverClient.run(
        FLOW_TRAIN_LANE,
        async (api, jobId, progress) => {
          const x0 = await startPoints(api, s, jobId, PREVIEW_PARTICLES);
          const preview = { x0, steps: eulerSteps, method };
          const { req, transfer } = dataRequest(s, jobId);
          if (parent) {
            return api.reflowFlow(
              Comlink.transfer({ ...req, ...options, preview, model: copyModel(parent.model) }, transfer),
              proxied(progress),
            );
          }
          return api.trainFlow(
            Comlink.transfer({ ...req, ...options, preview, coupling }, transfer),
            proxied(progress),
          );
        },
        onProgress,
      );
      if (out.status === 'cancelled') finish(null, flowState.get().live?.step);
      else if (out.status === 'error' && gen === generation) flowState.set({ live: null });
      return out;
    },
    { onProgress: (p) => gen === generation && onTrainProgress(p), onDone: (r) => finish(r) },
  );
  return added;
}

function onTrainProgress(p: JobProgress): void {
  const d = p as FlowTrainProgress;
  const live = flowState.get().live;
  if (!live || d.phase === undefined) return;
  let count = live.count;
  if (d.phase === 'train' && d.losses) {
    for (let k = 0; k < d.losses.length && d.firstStep + k < live.losses.length; k++) {
      live.losses[d.firstStep + k] = d.losses[k];
    }
    count = Math.max(count, Math.min(live.losses.length, d.firstStep + d.losses.length));
  }
  flowState.set({
    live: {
      ...live,
      phase: d.phase,
      step: d.step,
      steps: d.steps,
      count,
      // A preview with NaN is reported and not drawn; the last good one stays.
      preview:
        d.snapshot?.preview && isDrawable('flow preview', d.snapshot.preview)
          ? d.snapshot.preview
          : live.preview,
      snapshot: d.snapshot?.model ?? live.snapshot,
    },
  });
}

/** One Reflow round from the selected model: a new model, one round straighter. */
export const reflowSelected = async (): Promise<void> => void (await runTraining('reflow'));

/** Incremented by every chain started, so an older chain stops once a newer one begins. */
let chain = 0;

/**
 * Trains a network, then runs the scenario's `reflow` rounds, each from the model the previous
 * round produced. The chain ends early when a training is stopped or fails, or when another chain
 * starts.
 */
export async function trainScenario(s: Scenario = useStore.getState().scenario): Promise<void> {
  const mine = ++chain;
  const rounds = Math.max(0, Math.floor(Number(s.params.reflow) || 0));
  let entry = await runTraining('train', s);
  for (let k = 0; k < rounds && entry && !entry.stopped && chain === mine; k++) {
    entry = await runTraining('reflow', s);
  }
}

/** Stop: the running training ends after its current step and keeps its network; no more rounds follow. */
export function stopFlowTraining(): void {
  chain++;
  stopRun(FLOW_TRAIN_LANE);
}

export function selectModel(id: number): void {
  flowState.set({ selectedId: id });
}

export function removeModel(id: number): void {
  flowState.set((st) => {
    const models = st.models.filter((m) => m.id !== id);
    const selectedId = st.selectedId === id ? (models[models.length - 1]?.id ?? null) : st.selectedId;
    return { models, selectedId };
  });
}

/**
 * Flow's runs while it is the method: the paths and evaluations follow the models; the first visit
 * trains (with the scenario's Reflow rounds) so the stage is never blank, and so does opening a
 * whole new scenario (a file, a link, the gallery: every cloud replaced), whose models would
 * otherwise belong to other clouds. Other edits wait for Train. Returns the stop function.
 */
export function startFlowRuns(): () => void {
  const stopPaths = startFlowPaths();
  const train = () => {
    const running = useStore.getState().runs[FLOW_TRAIN_LANE]?.status === 'running';
    if (!running && !flowState.get().live) void trainScenario();
  };
  if (flowState.get().models.length === 0) train();
  const offOpen = watchScenario('flow', (s, prev) => {
    const a = s.clouds;
    const b = prev.clouds;
    if (a === b || !a.every((c) => !b.includes(c))) return;
    // The old models and any training in progress belong to other clouds.
    generation++;
    flowState.set({ models: [], selectedId: null, live: null, lastConfig: null, lastOutcome: null });
    void trainScenario(s);
  });
  // A training keeps going when another method is opened; its model is listed on return.
  return () => {
    offOpen();
    stopPaths();
  };
}
