/**
 * Request, progress and result types of the model-fusion worker method (`fusion.ts` beside this
 * file). `src/` imports them with `import type`.
 */
import type { JobRequest } from '../api.ts';
import type { FusionExperimentOptions, FusionExperimentResult } from '../kernels/fusion/experiment.ts';
import type { FederatedOptions } from '../kernels/fusion/federated.ts';
import type { ClassifierModel } from '../kernels/nets/classifier.ts';
import type { RegionGrid } from './adaptTypes.ts';

export type { ClassifierModel, RegionGrid };

/** The experiment's options the app sets (the kernel's names; unset ones take its defaults). */
export type FusionOptions = Pick<
  FusionExperimentOptions,
  'width' | 'depth' | 'trainSteps' | 'alignment' | 'data' | 'split' | 'modelB' | 'seed'
>;

/** Train two classifiers on one labelled cloud, align B to A, and compare the merges. */
export interface FusionRequest extends JobRequest {
  /** The labelled cloud, interleaved (2n), and its n labels. */
  points: Float64Array;
  labels: Int32Array | null;
  options: FusionOptions;
  /** Where to evaluate the merged models' decision regions (at every λ of the curves). */
  regions: RegionGrid;
}

/** What training progress carries. */
export interface FusionLive {
  phase: 'train-a' | 'train-b' | 'align' | 'regions';
  step: number;
  steps: number;
  /** [step, mean minibatch loss] pairs so far, interleaved, nats, for each model. */
  historyA: Float64Array;
  historyB: Float64Array;
}

/** Decision regions of θ(λ) at each λ of the curves, for both merges: lists of size×size labels. */
export interface FusionRegions extends RegionGrid {
  naive: Int32Array[];
  aligned: Int32Array[];
}

/**
 * A finished (or stopped) fusion experiment: the kernel's result (models, accuracies, the 25 λ
 * values with the loss and accuracy along each merge, barriers, permutations) without its
 * per-step losses, which the worker sends as the [step, loss] history it drew live.
 */
export interface FusionResult extends Omit<FusionExperimentResult, 'lossesA' | 'lossesB'> {
  historyA: Float64Array;
  historyB: Float64Array;
  /**
   * The first hidden layer's units as points: unit i's incoming weights (w_x, w_y), interleaved
   * (2 × width), in A's input frame for both models (B's reframed), so unit i of A and unit
   * permutations[0][i] of B are the matched pair.
   */
  unitsA: Float64Array;
  unitsB: Float64Array;
  regions: FusionRegions;
  /** Steps each model trained (fewer than planned after Stop), and whether Stop ended it. */
  trainSteps: number;
  stopped: boolean;
  timeMs: number;
}

/** The many-models run's options (the kernel's names, `FederatedOptions`; unset ones take its defaults). */
export type FederatedRunOptions = Pick<
  FederatedOptions,
  'clients' | 'split' | 'seed' | 'width' | 'depth' | 'trainSteps' | 'alignment'
>;

/** Train K clients on chunks of one labelled cloud and merge them: FedAvg against the aligned average. */
export interface FederatedRequest extends JobRequest {
  /** The labelled cloud, interleaved (2n), and its n labels. */
  points: Float64Array;
  labels: Int32Array;
  options: FederatedRunOptions;
}

/** What a many-models run's progress carries: the client training now and its step. */
export interface FederatedLive {
  client: number;
  clients: number;
  step: number;
  steps: number;
}

/** A finished (or stopped) many-models run: every figure on the whole cloud. */
export interface FederatedSummary {
  /** Each client's accuracy (fraction in [0, 1]). */
  clientAccuracies: Float64Array;
  /** Each client's chunk size (points). */
  chunkSizes: Int32Array;
  accuracyFedAvg: number;
  accuracyAligned: number;
  /** Mean cross-entropy, nats. */
  lossFedAvg: number;
  lossAligned: number;
  /** Steps each client trained (fewer than planned after Stop), and whether Stop ended it. */
  trainSteps: number;
  stopped: boolean;
  timeMs: number;
}
