/**
 * Rectified flow / flow matching in the worker, from the app's side.
 *
 * - Training (`trainFlowModel`, `reflowSelected`) runs on demand on lane 'flow-train'; progress
 *   carries the loss of every step and weight snapshots with previews, kept in `useFlow.live` so
 *   the chart and the stage show the network learning. "Stop" asks the worker to end after the
 *   current step and keep the network (`stopFlowTraining`).
 * - Trained networks are plain data (`FlowModel`) kept in `useFlow.models` side by side (1-RF,
 *   2-RF, OT-CFM...), named from how they were trained. One is selected for the stage.
 * - The selected model's trajectories (N×(K+1)×2) are integrated on lane 'flow-integrate' whenever
 *   the model, the Euler steps, the integrator or the starting points change; the stage
 *   interpolates along them at the playback time t.
 * - Every model is evaluated (straightness, W₂² by Euler steps) on lane 'flow-eval' on the current
 *   clouds, one after another, again when the clouds or the source change.
 */
import * as Comlink from 'comlink';
import { create } from 'zustand';
import type { JobProgress, SolverApi } from '../../workers/api.ts';
import type {
  Coupling,
  FlowDataRequest,
  FlowEvaluateResult,
  FlowModel,
  FlowPreview,
  FlowTrainProgress,
  FlowTrainResult,
  Integrator,
  SourceKind,
} from '../../workers/methods/flowTypes.ts';
import type { Scenario } from '../scenario/types.ts';
import { clearResult, isDrawable, putResult } from '../state/results.ts';
import { useStore } from '../state/store.ts';
import { proxied, solverClient } from './solver.ts';
import { trackRun } from './trackRun.ts';

export const FLOW_TRAIN_LANE = 'flow-train';
export const FLOW_INTEGRATE_LANE = 'flow-integrate';
export const FLOW_EVAL_LANE = 'flow-eval';
/** Results-cache key of the selected model's trajectories (`FlowPaths`). */
export const FLOW_PATHS = 'flow-paths';

/** Particles on the stage at most (the source cloud is subsampled beyond this). */
const MAX_PARTICLES = 800;
/** Particles of the training previews. */
const PREVIEW_PARTICLES = 300;
/** Time a Stop may take before the training is cancelled instead, ms. */
const STOP_GRACE_MS = 2000;

/** What a training depends on: when it differs from the last training's, the panel hints "press Train". */
export interface TrainConfig {
  coupling: Coupling;
  trainSteps: number;
  learningRate: number;
  batchSize: number;
  width: number;
  depth: number;
  source: SourceKind;
  bandwidth: number;
  seed: number;
  sourceCloud: Scenario['source'];
  targetCloud: Scenario['target'];
}

/** A trained network and how it was made. */
export interface FlowEntry {
  id: number;
  /** "1-RF", "2-RF", "OT-CFM", ... (with " #2" for repeats). */
  name: string;
  coupling: Coupling;
  /** 1 for a first training, k + 1 after k Reflow rounds. */
  round: number;
  model: FlowModel;
  losses: Float64Array;
  stepsDone: number;
  steps: number;
  stopped: boolean;
  trainMs: number;
  pairsMs: number;
  config: TrainConfig;
  /** Straightness and W₂² by steps on the clouds of `evalKey` (null until evaluated). */
  evaluation: FlowEvaluateResult | null;
  evalKey: DataKey | null;
}

/** A training in progress. */
export interface LiveTraining {
  name: string;
  phase: 'pairs' | 'train';
  step: number;
  steps: number;
  /** Loss of every step so far (first `count` entries). */
  losses: Float64Array;
  count: number;
  /** The latest snapshot's preview, and its weights (kept if the run is cancelled). */
  preview: FlowPreview | null;
  snapshot: FlowModel | null;
}

/** The selected model's trajectories. */
export interface FlowPaths {
  modelId: number;
  /** Particles N and ODE steps K; `trajectories` is N×(K+1)×2, particle-major, plane units. */
  n: number;
  steps: number;
  trajectories: Float32Array;
}

export interface FlowState {
  models: FlowEntry[];
  selectedId: number | null;
  live: LiveTraining | null;
  /** The configuration of the last training started (null before the first). */
  lastConfig: TrainConfig | null;
  /** How the last training ended, for the status line. */
  lastOutcome: { name: string; stopped: boolean; stepsDone: number; steps: number } | null;
  showPaths: boolean;
}

export const useFlow = create<FlowState>()(() => ({
  models: [],
  selectedId: null,
  live: null,
  lastConfig: null,
  lastOutcome: null,
  showPaths: true,
}));

/** The selected model, if any. */
export function selectedEntry(st: FlowState = useFlow.getState()): FlowEntry | undefined {
  return st.models.find((m) => m.id === st.selectedId);
}

export function trainConfig(s: Scenario): TrainConfig {
  const p = s.params;
  return {
    coupling: p.coupling === 'minibatch-ot' ? 'minibatch-ot' : 'independent',
    trainSteps: Number(p.trainSteps),
    learningRate: Number(p.learningRate),
    batchSize: Number(p.batchSize),
    width: Number(p.width),
    depth: Number(p.depth),
    source: p.source === 'gaussian' ? 'gaussian' : 'cloud',
    bandwidth: Number(p.bandwidth),
    seed: s.seed,
    sourceCloud: s.source,
    targetCloud: s.target,
  };
}

/** True when two configurations would train the same network. */
export function sameConfig(a: TrainConfig, b: TrainConfig): boolean {
  return (Object.keys(a) as (keyof TrainConfig)[]).every((k) => a[k] === b[k]);
}

/** What an evaluation depends on. */
interface DataKey {
  source: SourceKind;
  bandwidth: number;
  sourceCloud: Scenario['source'];
  targetCloud: Scenario['target'];
  seed: number;
}

function dataKey(s: Scenario): DataKey {
  const c = trainConfig(s);
  return {
    source: c.source,
    bandwidth: c.bandwidth,
    sourceCloud: s.source,
    targetCloud: s.target,
    seed: s.seed,
  };
}

const sameKey = (a: DataKey | null, b: DataKey) =>
  !!a && (Object.keys(b) as (keyof DataKey)[]).every((k) => a[k] === b[k]);

/** The two distributions of `s` as a worker request (arrays copied; the list holds them for transfer). */
function dataRequest(s: Scenario, jobId: number): { req: FlowDataRequest; transfer: ArrayBuffer[] } {
  const c = trainConfig(s);
  const gaussian = c.source === 'gaussian';
  const x = gaussian ? new Float64Array(0) : s.source.points.slice();
  const a = !gaussian && s.source.weights ? s.source.weights.slice() : null;
  const y = s.target.points.slice();
  const b = s.target.weights ? s.target.weights.slice() : null;
  const transfer = [x.buffer, y.buffer, ...(a ? [a.buffer] : []), ...(b ? [b.buffer] : [])] as ArrayBuffer[];
  return { req: { jobId, x, a, y, b, source: c.source, bandwidth: c.bandwidth }, transfer };
}

/**
 * Starting points of the particles: the source cloud itself (every k-th point beyond `max`), or
 * seeded draws from N(0, I) for the Gaussian source.
 */
async function startPoints(api: SolverApi, s: Scenario, jobId: number, max: number): Promise<Float64Array> {
  if (s.params.source === 'gaussian') {
    const { req, transfer } = dataRequest(s, jobId);
    const count = Math.min(max, Math.max(200, s.target.points.length >> 1));
    return api.sampleFlowSource(Comlink.transfer({ ...req, count, seed: s.seed }, transfer));
  }
  const p = s.source.points;
  const n = p.length >> 1;
  if (n <= max) return p.slice();
  const out = new Float64Array(2 * max);
  for (let k = 0; k < max; k++) {
    const i = Math.floor((k * n) / max);
    out[2 * k] = p[2 * i];
    out[2 * k + 1] = p[2 * i + 1];
  }
  return out;
}

/** Copies a model so the client keeps its own when the worker takes one. */
const copyModel = (m: FlowModel): FlowModel => ({ ...m, params: m.params.slice() });

function nameFor(coupling: Coupling, round: number): string {
  const base = coupling === 'minibatch-ot' ? 'OT-CFM' : '1-RF';
  const name =
    round === 1 ? base : coupling === 'minibatch-ot' ? `OT-CFM + ${round - 1} Reflow` : `${round}-RF`;
  const taken = new Set(useFlow.getState().models.map((m) => m.name));
  if (!taken.has(name)) return name;
  let k = 2;
  while (taken.has(`${name} #${k}`)) k++;
  return `${name} #${k}`;
}

let nextModelId = 1;
/** The running training's worker and job, so Stop can reach it. */
let training: { api: SolverApi; jobId: number } | null = null;

/** Trains a new network (kind 'train') or runs one Reflow round from the selected model. */
function runTraining(kind: 'train' | 'reflow'): Promise<void> {
  const s = useStore.getState().scenario;
  const config = trainConfig(s);
  const parent = kind === 'reflow' ? selectedEntry() : undefined;
  if (kind === 'reflow' && !parent) return Promise.resolve();
  const coupling = parent?.coupling ?? config.coupling;
  const round = parent ? parent.round + 1 : 1;
  const name = nameFor(coupling, round);
  const eulerSteps = Math.min(50, Number(s.params.eulerSteps));
  const method = (s.params.integrator === 'heun' ? 'heun' : 'euler') as Integrator;
  useFlow.setState({
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
  const finish = (r: FlowTrainResult | null, stoppedAt?: number) => {
    const live = useFlow.getState().live;
    const model = r?.model ?? live?.snapshot;
    if (!model) return useFlow.setState({ live: null });
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
    useFlow.setState((st) => ({
      models: [...st.models, entry],
      selectedId: entry.id,
      live: null,
      lastOutcome: { name, stopped: entry.stopped, stepsDone: entry.stepsDone, steps: entry.steps },
    }));
    evaluatePending();
  };
  return trackRun<FlowTrainResult>(
    FLOW_TRAIN_LANE,
    s,
    async (onProgress) => {
      const out = await solverClient.run(
        FLOW_TRAIN_LANE,
        async (api, jobId, progress) => {
          training = { api, jobId };
          try {
            const x0 = await startPoints(api, s, jobId, PREVIEW_PARTICLES);
            const preview = { x0, steps: eulerSteps, method };
            const { req, transfer } = dataRequest(s, jobId);
            if (parent) {
              return await api.reflowFlow(
                Comlink.transfer({ ...req, ...options, preview, model: copyModel(parent.model) }, transfer),
                proxied(progress),
              );
            }
            return await api.trainFlow(
              Comlink.transfer({ ...req, ...options, preview, coupling }, transfer),
              proxied(progress),
            );
          } finally {
            if (training?.jobId === jobId) training = null;
          }
        },
        onProgress,
      );
      if (out.status === 'cancelled') finish(null, useFlow.getState().live?.step);
      else if (out.status === 'error') useFlow.setState({ live: null });
      return out;
    },
    { onProgress: (p) => onTrainProgress(p), onDone: (r) => finish(r) },
  );
}

function onTrainProgress(p: JobProgress): void {
  const d = p as FlowTrainProgress;
  const live = useFlow.getState().live;
  if (!live || d.phase === undefined) return;
  let count = live.count;
  if (d.phase === 'train' && d.losses) {
    for (let k = 0; k < d.losses.length && d.firstStep + k < live.losses.length; k++) {
      live.losses[d.firstStep + k] = d.losses[k];
    }
    count = Math.max(count, Math.min(live.losses.length, d.firstStep + d.losses.length));
  }
  useFlow.setState({
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

/** Trains a new network with the scenario's parameters. */
export const trainFlowModel = (): Promise<void> => runTraining('train');

/** One Reflow round from the selected model: a new model, one round straighter. */
export const reflowSelected = (): Promise<void> => runTraining('reflow');

/** Ends the running training after its current step, keeping the network; cancels a silent worker. */
export function stopFlowTraining(): void {
  const t = training;
  if (!t) {
    solverClient.cancel(FLOW_TRAIN_LANE);
    return;
  }
  void t.api.stopFlowTraining(t.jobId);
  setTimeout(() => {
    if (training?.jobId === t.jobId) solverClient.cancel(FLOW_TRAIN_LANE);
  }, STOP_GRACE_MS);
}

export function selectModel(id: number): void {
  useFlow.setState({ selectedId: id });
}

export function removeModel(id: number): void {
  useFlow.setState((st) => {
    const models = st.models.filter((m) => m.id !== id);
    const selectedId = st.selectedId === id ? (models[models.length - 1]?.id ?? null) : st.selectedId;
    return { models, selectedId };
  });
}

let evalRunning = false;

/** Evaluates, one at a time, every model not yet evaluated on the current clouds. */
function evaluatePending(): void {
  if (evalRunning) return;
  const s = useStore.getState().scenario;
  const key = dataKey(s);
  const entry = useFlow.getState().models.find((m) => !sameKey(m.evalKey, key));
  if (!entry) return;
  evalRunning = true;
  void solverClient
    .run<FlowEvaluateResult>(FLOW_EVAL_LANE, (api, jobId, progress) => {
      const { req, transfer } = dataRequest(s, jobId);
      return api.evaluateFlow(
        Comlink.transfer(
          { ...req, model: copyModel(entry.model), seed: s.seed, sampleSize: 500, maxSteps: 128 },
          transfer,
        ),
        proxied(progress),
      );
    })
    .then((out) => {
      evalRunning = false;
      if (out.status === 'done') {
        useFlow.setState((st) => ({
          models: st.models.map((m) =>
            m.id === entry.id ? { ...m, evaluation: out.value, evalKey: key } : m,
          ),
        }));
      } else if (out.status === 'error') {
        useStore.getState().notify('error', out.message);
        return;
      }
      evaluatePending();
    });
}

let pathsRun = 0;
let pathsKey: unknown[] = [];

/** Integrates the selected model's trajectories when what they depend on changed. */
function integrateSelected(): void {
  const s = useStore.getState().scenario;
  const entry = selectedEntry();
  const key = [
    entry?.id,
    s.params.eulerSteps,
    s.params.integrator,
    s.params.source,
    s.source,
    s.target,
    s.seed,
  ];
  if (key.length === pathsKey.length && key.every((v, k) => v === pathsKey[k])) return;
  pathsKey = key;
  if (!entry) {
    solverClient.cancel(FLOW_INTEGRATE_LANE);
    clearResult(FLOW_PATHS);
    return;
  }
  const steps = Number(s.params.eulerSteps);
  const method = (s.params.integrator === 'heun' ? 'heun' : 'euler') as Integrator;
  void solverClient
    .run(FLOW_INTEGRATE_LANE, async (api, jobId, progress) => {
      const x0 = await startPoints(api, s, jobId, MAX_PARTICLES);
      const n = x0.length >> 1;
      const r = await api.integrateFlow(
        Comlink.transfer({ jobId, model: copyModel(entry.model), x0, steps, method }, [x0.buffer]),
        proxied(progress),
      );
      return { n, r };
    })
    .then((out) => {
      if (out.status === 'done' && out.value.r.trajectories) {
        const paths: FlowPaths = {
          modelId: entry.id,
          n: out.value.n,
          steps,
          trajectories: out.value.r.trajectories,
        };
        putResult(FLOW_PATHS, ++pathsRun, paths);
      } else if (out.status === 'error') {
        useStore.getState().notify('error', out.message);
      }
    });
}

/**
 * While the Flow panel is mounted: keeps the selected model's trajectories and every model's
 * evaluation up to date. Returns the stop function.
 */
export function startFlowRuns(): () => void {
  pathsKey = [];
  const update = () => {
    integrateSelected();
    evaluatePending();
  };
  update();
  const offStore = useStore.subscribe((st, prev) => {
    if (st.scenario !== prev.scenario) update();
  });
  const offFlow = useFlow.subscribe((st, prev) => {
    if (st.models !== prev.models || st.selectedId !== prev.selectedId) update();
  });
  return () => {
    offStore();
    offFlow();
    solverClient.cancel(FLOW_INTEGRATE_LANE);
  };
}
