/**
 * Input checks shared by the adaptation and decorrelation kernels: point clouds, weights, class
 * labels (integers 0–9, as scenarios store them) and the grouping of points by class.
 */
import { normalizeWeights } from '../cost.ts';

/** Largest class label a scenario may hold (labels are 0–9). */
export const MAX_LABEL = 9;

/** The classes present in a labelling, and each point's class as an index into them. */
export interface ClassIndex {
  /** The distinct labels present, ascending. */
  classes: Int32Array;
  /** classOf[i] = k such that classes[k] = labels[i]; length n. */
  classOf: Int32Array;
  /** Points per class, parallel to `classes`. */
  counts: Int32Array;
}

/**
 * Checks an interleaved point cloud [x0, y0, x1, y1, ...] and returns its number of points.
 * @param what names the cloud in messages ("the source cloud")
 * @throws RangeError when the length is odd, the cloud is empty or a coordinate is not finite
 */
export function checkCloud(points: Float64Array, what: string): number {
  if (points.length % 2 !== 0) {
    throw new RangeError(
      `${what} has an odd number of coordinates (${points.length}): points are [x, y] pairs`,
    );
  }
  const n = points.length >> 1;
  if (n === 0) throw new RangeError(`${what} is empty`);
  for (let k = 0; k < points.length; k++) {
    if (!Number.isFinite(points[k])) {
      throw new RangeError(`${what}: coordinate ${k % 2 === 0 ? 'x' : 'y'} of point ${k >> 1} is not finite`);
    }
  }
  return n;
}

/**
 * Checks a labelling of n points and groups the points by class.
 * @param labels integer classes 0–9, length n; null or empty means the cloud carries no labels
 * @param what names the cloud in messages ("the source cloud")
 * @throws RangeError "`what` has no labels" when labels are null or empty, on a length mismatch,
 *   or on a label that is not an integer in 0–9
 */
export function indexClasses(labels: Int32Array | null, n: number, what: string): ClassIndex {
  if (!labels || labels.length === 0) throw new RangeError(`${what} has no labels`);
  if (labels.length !== n) {
    throw new RangeError(`${what} has ${n} points but ${labels.length} labels`);
  }
  const counts = new Int32Array(MAX_LABEL + 1);
  for (let i = 0; i < n; i++) {
    const l = labels[i];
    if (!(Number.isInteger(l) && l >= 0 && l <= MAX_LABEL)) {
      throw new RangeError(`${what}: label ${l} of point ${i} is not a class 0–${MAX_LABEL}`);
    }
    counts[l]++;
  }
  const slot = new Int32Array(MAX_LABEL + 1).fill(-1);
  const present: number[] = [];
  for (let l = 0; l <= MAX_LABEL; l++) {
    if (counts[l] > 0) {
      slot[l] = present.length;
      present.push(l);
    }
  }
  const classOf = new Int32Array(n);
  for (let i = 0; i < n; i++) classOf[i] = slot[labels[i]];
  return {
    classes: Int32Array.from(present),
    classOf,
    counts: Int32Array.from(present, (l) => counts[l]),
  };
}

/**
 * {@link indexClasses}, then requires at least two classes.
 * @param task what needs them, for the message ("adaptation", "decorrelation")
 * @throws RangeError "`task` needs at least two classes (…)" besides indexClasses's errors
 */
export function indexTwoOrMoreClasses(
  labels: Int32Array | null,
  n: number,
  what: string,
  task: string,
): ClassIndex {
  const index = indexClasses(labels, n, what);
  if (index.classes.length < 2) {
    throw new RangeError(`${task} needs at least two classes (${what} has only class ${index.classes[0]})`);
  }
  return index;
}

/**
 * `normalizeWeights` (null: uniform) with the cloud named in its errors.
 * @param what names the cloud ("the source cloud")
 * @throws RangeError "`what`'s weights: …" on a wrong length, a negative or non-finite weight, or no mass
 */
export function cloudWeights(weights: Float64Array | null, n: number, what: string): Float64Array {
  try {
    return normalizeWeights(weights, n);
  } catch (e) {
    if (e instanceof RangeError) throw new RangeError(`${what}'s ${e.message}`);
    throw e;
  }
}
