/**
 * The Scenario model: the whole shareable state (DESIGN.md section 2), in the in-memory form the
 * app works with. Clouds hold coordinates in typed arrays so large clouds edit, draw and cross the
 * worker boundary cheaply; objects are immutable and replaced whole on every edit, which makes
 * undo a stack of references and lets unchanged clouds be shared between history entries.
 */

/** Ground cost between a source point x and a target point y. */
export type CostKind = 'sqeuclidean' | 'euclidean';

/** Every method the playground knows, in the order the method switcher lists them. */
export const METHOD_IDS = ['exact', 'sinkhorn', 'brenier', 'flow', 'procrustes'] as const;
export type MethodId = (typeof METHOD_IDS)[number];

/** Which of the two clouds. */
export type Side = 'source' | 'target';

/**
 * A weighted point cloud in the plane.
 * - `points`: length 2n, interleaved `[x0, y0, x1, y1, ...]`, plane units.
 * - `weights`: length n, finite and >= 0, not all zero; `null` means uniform.
 *   Stored as given (not normalised); balanced methods normalise to total mass 1.
 * - `labels`: length n, small non-negative integers; `null` means unlabelled.
 */
export interface Cloud {
  readonly points: Float64Array;
  readonly weights: Float64Array | null;
  readonly labels: Int32Array | null;
}

/** A parameter value as it appears in `params`. */
export type ParamValue = number | string | boolean;

/** The validated scenario. Code inside the app trusts it; validation happens at the edges. */
export interface Scenario {
  readonly name: string;
  readonly source: Cloud;
  readonly target: Cloud;
  readonly cost: CostKind;
  readonly method: MethodId;
  /** The method's parameters by name (see `params.ts`); always complete for `method`. */
  readonly params: Readonly<Record<string, ParamValue>>;
  /** Seed for everything random that the scenario's methods do. Non-negative integer. */
  readonly seed: number;
}

/** Number of points in a cloud. */
export function cloudSize(cloud: Cloud): number {
  return cloud.points.length >> 1;
}
