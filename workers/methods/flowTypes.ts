/**
 * Request, progress and result types of the flow worker methods (`flow.ts` beside this file).
 * `src/` imports them with `import type`.
 *
 * The worker keeps no models: a trained network is plain data (`FlowModel`: architecture, a
 * Float64Array of weights, the normalising frame) that the client holds and sends back with each
 * request that needs it (continue training, Reflow, integrate, evaluate). So several models (1-RF,
 * 2-RF, OT-CFM, ...) can be kept side by side by the panel, any lane's worker can run any of them,
 * and a respawned worker loses nothing. Weights are ~70 kB for the default 64×3 network: copy them
 * before transferring when the client keeps its own.
 */
import type { JobProgress, JobRequest } from '../api.ts';
import type { Coupling, MinibatchOtOptions } from '../kernels/flow/flowCoupling.ts';
import type { Integrator } from '../kernels/flow/flowIntegrate.ts';
import type { FlowEvaluation } from '../kernels/flow/flowMetrics.ts';
import type { FlowFrame, FlowModel, FlowNetSpec } from '../kernels/flow/flowModel.ts';
import type { SourceKind } from '../kernels/flow/flowSampling.ts';

export type {
  Coupling,
  FlowEvaluation,
  FlowFrame,
  FlowModel,
  FlowNetSpec,
  Integrator,
  MinibatchOtOptions,
  SourceKind,
};

/** The two distributions: clouds read as kernel density estimates, or Gaussian noise as the source. */
export interface FlowDataRequest extends JobRequest {
  /** Source cloud, interleaved (length 2n); unused when `source` is 'gaussian' (send an empty array). */
  x: Float64Array;
  /** Source weights (length n) or null for uniform. */
  a: Float64Array | null;
  /** Target cloud, interleaved (length 2m, m >= 1). */
  y: Float64Array;
  b: Float64Array | null;
  /** 'cloud' (the source cloud blurred by `bandwidth`) or 'gaussian' (N(0, I) in plane units). */
  source: SourceKind;
  /** Standard deviation of the Gaussian kernel around each cloud point, plane units, >= 0. */
  bandwidth: number;
}

/** Particles to integrate with each training snapshot, so the stage can preview the flow. */
export interface FlowPreviewRequest {
  /** Starting points, interleaved (length 2N; a few hundred is plenty). */
  x0: Float64Array;
  /** ODE steps K, 1..200. */
  steps: number;
  /** Default 'euler'. */
  method?: Integrator;
}

/** Options shared by training and Reflow. */
export interface FlowTrainingOptions {
  /** Seed of the run: the same request and seed give bit-identical weights. */
  seed: number;
  /** Adam steps, integer >= 1. */
  steps: number;
  /** Pairs per step (default 256). */
  batchSize?: number;
  /** Peak Adam step size (default 1e-2), cosine-decayed to 5 % over `steps`. */
  learningRate?: number;
  /** Architecture of a new network (default 64 wide, 3 hidden layers, 2 Fourier pairs of t). */
  net?: FlowNetSpec;
  /** A new weights snapshot with a preview every this many steps (default 200). */
  snapshotEvery?: number;
  /** Particles integrated at each snapshot; null or absent for none. */
  preview?: FlowPreviewRequest | null;
}

/** `trainFlow`: train a flow between the two distributions. */
export interface FlowTrainRequest extends FlowDataRequest, FlowTrainingOptions {
  coupling: Coupling;
  /**
   * Minibatch-OT details: points per exact-OT block (default 64; the batch size for one exact
   * problem over the whole batch, ~1.7× slower per step at 256) and the exact algorithm.
   */
  ot?: MinibatchOtOptions;
  /** Continue training this model (its architecture and frame) instead of a new network. */
  init?: FlowModel | null;
}

/** `reflowFlow`: one Reflow round from `model`. */
export interface FlowReflowRequest extends FlowDataRequest, FlowTrainingOptions {
  /** The flow whose ODE makes the pairs (x0, ODE(x0)). */
  model: FlowModel;
  /** Number of pairs (default 2048). */
  pairs?: number;
  /** ODE steps for the pairs (default 32) and scheme (default 'heun'). */
  pairSteps?: number;
  pairMethod?: Integrator;
  /** 'continue' (default): start from `model`'s weights; 'fresh': a new network (`net`). */
  init?: 'continue' | 'fresh';
}

/** A preview computed at a snapshot: where N particles go under the snapshot's flow. */
export interface FlowPreview {
  /** Training step of the snapshot. */
  step: number;
  /** ODE steps K. */
  steps: number;
  /** N×(K+1)×2, particle-major (see `IntegrateResult.trajectories`), plane units. */
  trajectories: Float32Array;
}

/**
 * Progress of `trainFlow` / `reflowFlow`, at most ~25 messages a second.
 * - phase 'pairs' (Reflow only): integrating the pairs; `step`/`steps` count ODE steps.
 * - phase 'train': `step` Adam steps done out of `steps`; `losses` holds the loss of every step
 *   since the previous message (steps `firstStep + 1 .. step`), `loss` their mean; `snapshot` is
 *   the latest weights snapshot (every `snapshotEvery` steps) not yet sent, with its preview.
 */
export interface FlowTrainProgress extends JobProgress {
  phase: 'pairs' | 'train';
  step: number;
  steps: number;
  /** Mean loss of the steps in `losses` (NaN when empty), plane units². */
  loss: number;
  losses: Float32Array;
  /** Steps done before `losses[0]`. */
  firstStep: number;
  snapshot?: FlowSnapshot;
}

/** Weights at a training step, and where the preview particles go under them. */
export interface FlowSnapshot {
  step: number;
  model: FlowModel;
  preview: FlowPreview | null;
}

/** Result of `trainFlow` / `reflowFlow`. */
export interface FlowTrainResult {
  /** The network after the last step taken (all of them, or up to a stop). */
  model: FlowModel;
  /** Loss of every step taken, plane units². */
  losses: Float64Array;
  /** Steps taken (< the request's `steps` when stopped). */
  stepsDone: number;
  /** True when `stopFlowTraining` ended the run early. */
  stopped: boolean;
  /** Training time, ms; and for Reflow the time spent integrating the pairs. */
  trainMs: number;
  pairsMs: number;
  /** The preview of the final network, when a preview was requested. */
  preview: FlowPreview | null;
}

/** `integrateFlow`: push particles through a model's ODE. */
export interface FlowIntegrateRequest extends JobRequest {
  model: FlowModel;
  /** Starting points, interleaved, length 2N. */
  x0: Float64Array;
  /** ODE steps K, 1..200. */
  steps: number;
  method: Integrator;
  /** Return the N×(K+1)×2 paths (default true). */
  trajectories?: boolean;
}

/** Result of `integrateFlow`. */
export interface FlowIntegrateResult {
  /** x(1), interleaved, length 2N. */
  final: Float64Array;
  /** N×(K+1)×2 float32, particle-major, or null when not asked for. */
  trajectories: Float32Array | null;
  timeMs: number;
}

/** `evaluateFlow`: straightness and W2² by step count, on fresh seeded samples. */
export interface FlowEvaluateRequest extends FlowDataRequest {
  model: FlowModel;
  seed: number;
  /** Points per sample (default 500). */
  sampleSize?: number;
  /** Largest power-of-two step count of the W2 curve (default 128). */
  maxSteps?: number;
  /** Euler steps of the straightness estimate (default 100). */
  straightnessSteps?: number;
}

/** Result of `evaluateFlow`. */
export interface FlowEvaluateResult extends FlowEvaluation {
  timeMs: number;
}

/** `sampleFlowSource`: draw points from the source distribution (e.g. Gaussian starting points). */
export interface FlowSampleRequest extends FlowDataRequest {
  count: number;
  seed: number;
}
