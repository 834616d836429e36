/**
 * The worker API contract. `src/` imports these types only (`import type`); the implementation is
 * `solver.worker.ts`, exposed with comlink. Typed arrays travel as transferables.
 */
import type { CostKind } from './kernels/cost.ts';
import type { CostStatsResult } from './kernels/costStats.ts';
import type { SparsePlan } from './kernels/exact/exact.ts';
import type { PlanImage } from './kernels/planImage.ts';

/** Every request carries a job id chosen by the client, used to cancel it. */
export interface JobRequest {
  jobId: number;
}

/** Two clouds, interleaved coordinates (length 2n and 2m), weights null for uniform. */
export interface CloudsRequest extends JobRequest {
  x: Float64Array;
  y: Float64Array;
  a: Float64Array | null;
  b: Float64Array | null;
  cost: CostKind;
}

/** Progress of any job: fraction done in [0, 1] when known, a short text, and method data. */
export interface JobProgress<D = unknown> {
  fraction: number;
  text?: string;
  /** An intermediate state the UI can draw (a Sinkhorn iterate, a training snapshot). */
  data?: D;
}

/** Options of a Sinkhorn solve (DESIGN.md section 2 names), plus an optional warm start. */
export interface SinkhornRequestOptions {
  epsilon: number;
  tolerance: number;
  maxIterations: number;
  /** Potentials of a nearby problem with the same n and m. */
  warm?: { f: Float64Array; g: Float64Array } | null;
}

export type { CostStatsResult, PlanImage, SparsePlan };

/**
 * A solved (or partially solved) transport plan as the app draws it. `plan` holds the entries to
 * draw: all non-zero entries for exact OT; for Sinkhorn the largest entries holding most of the
 * mass (the dense plan never crosses the boundary).
 */
export interface PlanResult {
  n: number;
  m: number;
  plan: SparsePlan;
  /** <P, C> in cost units (over the full plan, not only the drawn entries). */
  cost: number;
  /** Entropy -Σ P log P of the full plan (0 log 0 = 0), nats. */
  entropy: number;
  /** Dual potentials, lengths n and m (Sinkhorn: f_i, g_j with P_ij = exp((f_i + g_j − C_ij)/ε) a_i b_j). */
  f: Float64Array;
  g: Float64Array;
  /** The plan as an ordered, downsampled matrix image. */
  image: PlanImage;
  iterations: number;
  /** L1 marginal error, both sides summed. */
  marginalError: number;
  converged: boolean;
  /** Solve time inside the worker, ms. */
  timeMs: number;
  /** Marginal error after each check (Sinkhorn), and the iteration of each check. */
  errorHistory?: { iterations: Float64Array; errors: Float64Array };
  /** Exact only: which algorithm ran. */
  algorithm?: string;
  /** Sinkhorn only: the ε stages run (ε-scaling), and why it stopped. */
  stages?: { epsilon: number; iterations: number }[];
  stop?: string;
  /** Sinkhorn only: the ε of this plan (an iterate of an intermediate stage has a larger one). */
  epsilon?: number;
}

/** The API object the worker exposes (`typeof api` in solver.worker.ts). */
export type { SolverApi } from './solver.worker.ts';
