/**
 * Request, progress and result types of the barycenter worker methods (`barycenter.ts` beside this
 * file). `src/` imports them with `import type`.
 */
import type { JobRequest } from '../api.ts';

/** Free support with exact plans, free support with Sinkhorn plans, or fixed support on a grid. */
export type BarycenterSolver = 'free-support' | 'entropic' | 'grid';

/** One input cloud: points interleaved (length 2n), weights (length n) or null for uniform. */
export interface BarycenterCloudData {
  points: Float64Array;
  weights: Float64Array | null;
}

/** The barycenter of `clouds` with weights `lambdas` (scenario parameters, DESIGN.md section 4). */
export interface BarycenterOptions {
  /** λ, one per cloud, >= 0, not all zero (normalised by the kernels). */
  lambdas: Float64Array;
  solver: BarycenterSolver;
  /** Free support: k, the number of support points (ignored when `init` is 'first'). */
  supportSize: number;
  /** Free support: seeded draws from the λ-mixture, or the first cloud's points (and weights). */
  init: 'mixture' | 'first';
  /**
   * Entropic regularisation in cost units (squared plane units): Sinkhorn's ε for 'entropic', and
   * for 'grid' the heat kernel's blur √(ε/2) in plane units.
   */
  epsilon: number;
  /** Grid: nodes per side, 8 to 128. */
  gridSize: number;
  seed: number;
  /** Free support: a starting support (k points) that wins over `init` (a morph's previous frame). */
  start?: Float64Array | null;
  /** Grid: a previous result's `scalings` (same clouds and size) to warm-start from. */
  warm?: Float64Array | null;
  /** Also score the result by exact W2² to every cloud (`costs`, `objective`). */
  costs: boolean;
}

export interface BarycenterRequest extends JobRequest, BarycenterOptions {
  clouds: BarycenterCloudData[];
}

/** The grid a grid barycenter lives on. */
export interface BarycenterGrid {
  /** N: nodes per side. */
  size: number;
  /** [xmin, xmax, ymin, ymax], square, plane units. */
  bounds: [number, number, number, number];
  /** N×N, row-major, row = y index from ymin upward; >= 0, mass ~1. */
  density: Float64Array;
  /** Kernel blur, plane units. */
  blur: number;
}

/** What a running solve shows: the support as it moves, or the grid density as it converges. */
export interface BarycenterLive {
  kind: 'support' | 'grid';
  iteration: number;
  /** Free support: the current support (2k), its weights (k). Empty for the grid. */
  support: Float64Array;
  supportWeights: Float64Array;
  grid: BarycenterGrid | null;
}

/** A solved barycenter. */
export interface BarycenterResult extends BarycenterLive {
  /** W2² to each cloud by exact OT (the grid's support: its nodes with mass), or null if not asked. */
  costs: Float64Array | null;
  /** Σ_k λ_k costs_k (λ normalised), NaN without costs. */
  objective: number;
  iterations: number;
  converged: boolean;
  /** Free support: the objective of the support before each update (exact plans: Σ λ W2²). */
  history: Float64Array;
  /** Grid: the state to warm-start the next solve from (K×N×N). */
  scalings: Float64Array | null;
  /** Solve time in the worker, ms (costs included). */
  timeMs: number;
}

/** A morph: the barycenter along a path of λ, one frame per row. */
export interface BarycenterMorphRequest extends BarycenterRequest {
  /** F×K, row-major: frame f's λ. */
  path: Float64Array;
  frames: number;
}

/** The frames of a morph. */
export interface BarycenterMorph {
  kind: 'support' | 'grid';
  frames: number;
  /** Free support: F×2k supports (point i keeps its identity from frame to frame). */
  supports: Float64Array;
  supportWeights: Float64Array;
  /** Grid: F×N×N densities, and the grid they share. */
  densities: Float32Array;
  grid: Omit<BarycenterGrid, 'density'> | null;
}
