/**
 * The Scenario model: the whole shareable state (DESIGN.md section 2), in the in-memory form the
 * app works with. A scenario holds 1 to 8 named clouds; two-cloud methods read the first two
 * (source and target). Clouds hold coordinates in typed arrays so large clouds edit, draw and
 * cross the worker boundary cheaply; objects are immutable and replaced whole on every edit, which
 * makes undo a stack of references and lets unchanged clouds be shared between history entries.
 */
import type { MethodId } from '../methods/index.ts';

export type { MethodId };

/** Ground cost between a source point x and a target point y. */
export type CostKind = 'sqeuclidean' | 'euclidean';

/** Most clouds a scenario holds. */
export const MAX_CLOUDS = 8;
/** Longest cloud name, characters. */
export const MAX_CLOUD_NAME = 40;

/**
 * A named, weighted point cloud in the plane.
 * - `name`: 1–40 characters, unique within the scenario; shown as text, never as markup.
 * - `points`: length 2n, interleaved `[x0, y0, x1, y1, ...]`, plane units.
 * - `weights`: length n, finite and >= 0, not all zero; `null` means uniform.
 *   Stored as given (not normalised); balanced methods normalise to total mass 1.
 * - `labels`: length n, small non-negative integers; `null` means unlabelled.
 */
export interface Cloud {
  readonly name: string;
  readonly points: Float64Array;
  readonly weights: Float64Array | null;
  readonly labels: Int32Array | null;
}

/** A cloud's data without its name (what a CSV file or a dataset generator gives). */
export type CloudData = Omit<Cloud, 'name'>;

/** A parameter value as it appears in `params`: a number, a choice, a flag, a list of numbers or of index pairs. */
export type ParamValue =
  number | string | boolean | readonly number[] | readonly (readonly [number, number])[];

/** The validated scenario. Code inside the app trusts it; validation happens at the edges. */
export interface Scenario {
  readonly name: string;
  /** 1 to MAX_CLOUDS clouds with unique names; [0] is the source and [1] the target of two-cloud methods. */
  readonly clouds: readonly Cloud[];
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

/** The default name of the cloud at `index`: Source, Target, then Cloud 3, Cloud 4, ... */
export function defaultCloudName(index: number): string {
  return index === 0 ? 'Source' : index === 1 ? 'Target' : `Cloud ${index + 1}`;
}

/** An empty cloud named `name`. */
export function emptyCloud(name: string): Cloud {
  return { name, points: new Float64Array(0), weights: null, labels: null };
}

/** The cloud at `index`, or an empty one named by default when the scenario has fewer clouds. */
export function cloudAt(s: Pick<Scenario, 'clouds'>, index: number): Cloud {
  return s.clouds[index] ?? emptyCloud(defaultCloudName(index));
}

/** The source of two-cloud methods: the first cloud. */
export const sourceCloud = (s: Pick<Scenario, 'clouds'>): Cloud => cloudAt(s, 0);
/** The target of two-cloud methods: the second cloud (empty when the scenario has only one). */
export const targetCloud = (s: Pick<Scenario, 'clouds'>): Cloud => cloudAt(s, 1);

/**
 * The scenario with the cloud at `index` replaced by `cloud`. An index one past the end appends;
 * the cloud keeps the name it carries.
 */
export function withCloud(s: Scenario, index: number, cloud: Cloud): Scenario {
  const clouds = s.clouds.slice();
  while (clouds.length < index) clouds.push(emptyCloud(uniqueCloudName(clouds, clouds.length)));
  clouds[index] = cloud;
  return { ...s, clouds };
}

/** A name for a new cloud at `index` that no cloud of `clouds` has. */
export function uniqueCloudName(clouds: readonly Cloud[], index: number): string {
  const taken = new Set(clouds.map((c) => c.name));
  const base = defaultCloudName(index);
  if (!taken.has(base)) return base;
  for (let k = index + 1; ; k++) if (!taken.has(`Cloud ${k}`)) return `Cloud ${k}`;
}
