/**
 * Request, progress and result types of the Brenier-map worker methods (`brenier.ts` beside this
 * file). `src/` imports them with `import type`.
 */
import type { CloudsRequest } from '../api.ts';
import type { BrenierGridSpec, BrenierView, Box } from '../kernels/brenier/brenierGrid.ts';

export type { BrenierGridSpec, BrenierView, Box };

/** Which estimator produced a map. */
export type BrenierEstimator = 'entropic' | 'icnn';

/** The entropic map of the two clouds (squared Euclidean cost only). */
export interface BrenierEntropicRequest extends CloudsRequest {
  /** ε relative to the clouds' mean squared spread (`params.epsilon`), > 0. */
  epsilon: number;
}

/** Neural OT with input-convex networks (squared Euclidean cost only). */
export interface BrenierIcnnRequest extends CloudsRequest {
  /** Units per hidden layer, integer >= 1. */
  width: number;
  /** Outer training steps, integer >= 1. */
  steps: number;
  /** Initial Adam step size, > 0. */
  learningRate: number;
  /** Seed of initialisation and minibatches: the same request and seed give the same map. */
  seed: number;
}

/** A map ready to draw, from either estimator. */
export interface BrenierResult {
  estimator: BrenierEstimator;
  /** Grid, lattice potential, mapped source points and the W₂² estimate Σ a_i |T(x_i) − x_i|². */
  view: BrenierView;
  /** Entropic: the absolute ε used (cost units), and how Sinkhorn ended. */
  epsilon?: number;
  sinkhorn?: { iterations: number; converged: boolean; marginalError: number };
  /** ICNN: how training ended and its curve. */
  training?: BrenierTraining;
  /** Worker time of the whole job, ms. */
  timeMs: number;
}

/** The state of an ICNN training. */
export interface BrenierTraining {
  /** Outer steps done and planned. */
  step: number;
  steps: number;
  /** True when the user stopped it before `steps`. */
  stopped: boolean;
  /** The minibatch dual W₂² estimate after each step (cost units). */
  w2History: Float64Array;
}

/**
 * What a training progress message carries: the curve so far, and about three times a second a
 * preview of the current map (`preview`, absent otherwise).
 */
export interface BrenierTrainingProgress {
  training: BrenierTraining;
  preview?: BrenierResult;
}
