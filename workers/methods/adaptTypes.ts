/**
 * Request, progress and result types of the adaptation and decorrelation worker methods
 * (`adapt.ts` beside this file). `src/` imports them with `import type`.
 */
import type { JobRequest, SparsePlan } from '../api.ts';
import type { DecorrelateResult } from '../kernels/adaptation/decorrelate.ts';
import type { ProjectionHistograms } from '../kernels/adaptation/projection.ts';

/** A labelled cloud: points interleaved (2n), weights (n) or null, labels (n) or null. */
export interface LabelledCloudData {
  points: Float64Array;
  weights: Float64Array | null;
  labels: Int32Array | null;
}

/** The grid the decision regions are evaluated on. */
export interface RegionGrid {
  /** Cells per side, 4 to 256. */
  size: number;
  /** [xmin, xmax, ymin, ymax], plane units. */
  bounds: [number, number, number, number];
}

/** Adaptation of `source` (labelled) onto `target` (labels, if any, only score). */
export interface AdaptRequest extends JobRequest {
  source: LabelledCloudData;
  target: LabelledCloudData;
  transport: 'exact' | 'entropic';
  /** Cost units; used by 'entropic'. */
  epsilon: number;
  regularization: 'none' | 'class';
  eta: number;
  outerIterations: number;
  innerIterations: number;
  classifier: '1nn' | 'mlp';
  seed: number;
  /** Where to evaluate the classifiers' decision regions; null for none. */
  regions: RegionGrid | null;
}

/** What a running adaptation shows: the source mapped through the current plan (when there is one). */
export interface AdaptLive {
  outerIteration: number;
  innerIteration: number;
  mappedSource: Float64Array | null;
}

/** Decision regions: one predicted label per cell, size×size, row-major, row = y index from ymin up. */
export interface DecisionRegions extends RegionGrid {
  /** Trained on the raw source. */
  before: Int32Array;
  /** Trained on the mapped source. */
  after: Int32Array;
}

/** A solved adaptation (see `AdaptResult` of the kernel for the fields' meaning). */
export interface AdaptOutcome {
  mappedSource: Float64Array;
  /** The plan's entries to draw (the largest, at most a few thousand). */
  plan: SparsePlan;
  cost: number;
  iterations: number;
  outerIterations: number;
  converged: boolean;
  targetPredictions: Int32Array;
  accuracyBefore: number | null;
  accuracyAfter: number | null;
  purity: number;
  regions: DecisionRegions | null;
  /** Solve time in the worker, ms (classifiers included). */
  timeMs: number;
}

/** Decorrelation of one labelled cloud. */
export interface DecorrelateRequest extends JobRequest {
  cloud: LabelledCloudData;
  transport: 'exact' | 'entropic';
  epsilon: number;
}

/** A solved decorrelation, with the solve time in the worker (ms). */
export interface DecorrelateOutcome extends DecorrelateResult {
  timeMs: number;
  /**
   * The 1-D view: per-class histograms of the points projected on the direction that separates
   * the classes most (the line through the two farthest class means), before and after.
   */
  histograms: ProjectionHistograms;
}
