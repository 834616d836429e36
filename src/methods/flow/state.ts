/**
 * The flow's session state, the method's part of the store: the trained networks side by side
 * (1-RF, 2-RF, OT-CFM, ...; plain data, `FlowModel`), the selected one, the training in progress
 * with its loss curve and previews, and the Paths toggle. Also what a training and an evaluation
 * depend on, and the scenario's clouds as worker requests.
 */
import * as Comlink from 'comlink';
import type { SolverApi } from '../../../workers/api.ts';
import type {
  Coupling,
  FlowDataRequest,
  FlowEvaluateResult,
  FlowModel,
  FlowPreview,
  SourceKind,
} from '../../../workers/methods/flowTypes.ts';
import { sourceCloud, targetCloud, type Cloud, type Scenario } from '../../scenario/types.ts';
import { cloudPayload } from '../../solver/solver.ts';
import { defineMethodState } from '../../state/methodState.ts';

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
  sourceCloud: Cloud;
  targetCloud: Cloud;
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

export const flowState = defineMethodState<FlowState>('flow', {
  models: [],
  selectedId: null,
  live: null,
  lastConfig: null,
  lastOutcome: null,
  showPaths: true,
});

/** The selected model, if any. */
export function selectedEntry(st: FlowState = flowState.get()): FlowEntry | undefined {
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
    sourceCloud: sourceCloud(s),
    targetCloud: targetCloud(s),
  };
}

/** True when two configurations would train the same network. */
export function sameConfig(a: TrainConfig, b: TrainConfig): boolean {
  return (Object.keys(a) as (keyof TrainConfig)[]).every((k) => a[k] === b[k]);
}

/** What an evaluation depends on. */
export interface DataKey {
  source: SourceKind;
  bandwidth: number;
  sourceCloud: Cloud;
  targetCloud: Cloud;
  seed: number;
}

export function dataKey(s: Scenario): DataKey {
  const c = trainConfig(s);
  return {
    source: c.source,
    bandwidth: c.bandwidth,
    sourceCloud: sourceCloud(s),
    targetCloud: targetCloud(s),
    seed: s.seed,
  };
}

export const sameKey = (a: DataKey | null, b: DataKey) =>
  !!a && (Object.keys(b) as (keyof DataKey)[]).every((k) => a[k] === b[k]);

/** The two distributions of `s` as a worker request (arrays copied; the list holds them for transfer). */
export function dataRequest(s: Scenario, jobId: number): { req: FlowDataRequest; transfer: ArrayBuffer[] } {
  const c = trainConfig(s);
  const transfer: ArrayBuffer[] = [];
  const src =
    c.source === 'gaussian'
      ? { points: new Float64Array(0), weights: null }
      : cloudPayload(sourceCloud(s), transfer);
  const tgt = cloudPayload(targetCloud(s), transfer);
  const req = {
    jobId,
    x: src.points,
    a: src.weights,
    y: tgt.points,
    b: tgt.weights,
    source: c.source,
    bandwidth: c.bandwidth,
  };
  return { req, transfer };
}

/**
 * Starting points of the particles: the source cloud itself (every k-th point beyond `max`), or
 * seeded draws from N(0, I) for the Gaussian source.
 */
export async function startPoints(
  api: SolverApi,
  s: Scenario,
  jobId: number,
  max: number,
): Promise<Float64Array> {
  if (s.params.source === 'gaussian') {
    const { req, transfer } = dataRequest(s, jobId);
    const count = Math.min(max, Math.max(200, targetCloud(s).points.length >> 1));
    return api.sampleFlowSource(Comlink.transfer({ ...req, count, seed: s.seed }, transfer));
  }
  const p = sourceCloud(s).points;
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
export const copyModel = (m: FlowModel): FlowModel => ({ ...m, params: m.params.slice() });
