/**
 * Request, progress and result types of the sliced worker methods (`sliced.ts` beside this file).
 * `src/` imports them with `import type`. Points are interleaved (length 2n), weights raw (>= 0,
 * normalised by the worker) or null for uniform; angles are radians unless named in degrees.
 */
import type { JobRequest } from '../api.ts';

/** Two weighted clouds in the plane. */
export interface SlicedClouds {
  x: Float64Array;
  y: Float64Array;
  a: Float64Array | null;
  b: Float64Array | null;
}

/** The seeded sliced estimate: L directions from `seed`, and max-sliced. */
export interface SlicedEstimateRequest extends JobRequest, SlicedClouds {
  projections: number;
  seed: number;
}

/** While the estimate runs: the directions so far. */
export interface SlicedEstimateLive {
  /** All L angles (radians, [0, π)); only the first `done` have values yet. */
  angles: Float64Array;
  /** 1-D W2² of the first `done` directions. */
  values: Float64Array;
  done: number;
}

export interface SlicedEstimateResult {
  /** Mean of `values`: the SW2² estimate, squared plane units. */
  sw2: number;
  angles: Float64Array;
  values: Float64Array;
  /** Standard error of the estimate (sample std / √L). */
  standardError: number;
  /** Running mean after each direction and its ±2σ band (length L each). */
  runningMean: Float64Array;
  runningBand: Float64Array;
  /** max_θ W2²(θ) and its angle (radians). */
  maxSliced: { value: number; angle: number };
  /** Solve time in the worker, ms. */
  timeMs: number;
}

/** The 1-D problem along one direction θ (degrees). */
export interface SlicedAngleRequest extends JobRequest, SlicedClouds {
  angleDegrees: number;
}

export interface SlicedAngleResult {
  angleDegrees: number;
  /** Exact W2² of the projections on (cos θ, sin θ), squared plane units. */
  w2: number;
  /** The projections ⟨x_i, θ⟩ (n) and ⟨y_j, θ⟩ (m), plane units. */
  px: Float64Array;
  py: Float64Array;
  /** The normalised weights (n and m). */
  a: Float64Array;
  b: Float64Array;
  /** The monotone coupling: entries in quantile order (i source, j target, mass > 0). */
  plan: { i: Int32Array; j: Int32Array; mass: Float64Array };
}

/** The sliced Wasserstein flow of the source onto the target. */
export interface SlicedFlowRequest extends JobRequest, SlicedClouds {
  steps: number;
  stepSize: number;
  projections: number;
  seed: number;
}

/** The flow now: the particles and the fit so far. */
export interface SlicedFlowLive {
  step: number;
  steps: number;
  points: Float64Array;
  /** Fit (SW2², fixed quadrature) before the first step and after each step so far. */
  fitHistory: Float64Array;
}

export interface SlicedFlowOutcome extends SlicedFlowLive {
  stopped: boolean;
  /**
   * Snapshots for playback: F×2n, row-major, frame 0 the start and frame F − 1 the end, about
   * evenly spaced in steps (at most `MAX_FLOW_FRAMES`).
   */
  frames: Float64Array;
  frameCount: number;
  timeMs: number;
}
