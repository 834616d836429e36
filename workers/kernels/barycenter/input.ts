/**
 * The inputs every barycenter kernel shares: K weighted clouds in the plane and the barycentric
 * weights λ. Validated once at each kernel's entry (RangeError with a message naming the culprit).
 */
import { normalizeWeights } from '../cost.ts';

/** Fewest and most clouds a barycenter takes (a scenario holds at most 8 clouds). */
export const MIN_CLOUDS = 2;
export const MAX_CLOUDS = 8;

/** One input measure: points interleaved [x0, y0, x1, y1, ...] (length 2n, n >= 1). */
export interface BarycenterCloud {
  points: Float64Array;
  /** Non-negative weights, length n, not all zero (normalised here); null or absent: uniform. */
  weights?: Float64Array | null;
}

/** Checked clouds: the points as given and the weights normalised to mass 1. */
export interface CheckedClouds {
  points: Float64Array[];
  weights: Float64Array[];
}

/**
 * Validates the clouds (2 to 8 of them, each non-empty with finite coordinates, weights >= 0 not
 * all zero) and normalises their weights.
 * @throws RangeError naming the cloud and the problem
 */
export function checkClouds(clouds: readonly BarycenterCloud[], who: string): CheckedClouds {
  if (clouds.length < MIN_CLOUDS || clouds.length > MAX_CLOUDS) {
    throw new RangeError(`${who}: needs ${MIN_CLOUDS} to ${MAX_CLOUDS} clouds, got ${clouds.length}`);
  }
  const points: Float64Array[] = [];
  const weights: Float64Array[] = [];
  clouds.forEach((c, k) => {
    points.push(checkPoints(c.points, `${who}: cloud ${k}`));
    try {
      weights.push(normalizeWeights(c.weights ?? null, c.points.length >> 1));
    } catch (e) {
      throw new RangeError(`${who}: cloud ${k} ${(e as Error).message}`);
    }
  });
  return { points, weights };
}

/**
 * Validates interleaved points: even length >= 2, finite coordinates.
 * @returns the same array
 */
export function checkPoints(points: Float64Array, what: string): Float64Array {
  if (!(points instanceof Float64Array)) throw new RangeError(`${what}: points must be a Float64Array`);
  if (points.length < 2 || points.length % 2 !== 0) {
    throw new RangeError(
      `${what}: points must hold n >= 1 interleaved (x, y) pairs, got length ${points.length}`,
    );
  }
  for (let k = 0; k < points.length; k++) {
    if (!Number.isFinite(points[k]))
      throw new RangeError(`${what}: coordinate ${k} = ${points[k]} is not finite`);
  }
  return points;
}

/**
 * Validates and normalises the barycentric weights λ: length K, finite, >= 0, not all zero.
 * @returns a new Float64Array of length K summing to 1 (up to rounding)
 * @throws RangeError on a wrong length, a negative or non-finite entry, or all zeros
 */
export function checkLambdas(lambdas: ArrayLike<number>, count: number, who: string): Float64Array {
  if (lambdas.length !== count) {
    throw new RangeError(`${who}: lambdas must have one weight per cloud (${count}), got ${lambdas.length}`);
  }
  for (let k = 0; k < count; k++) {
    const l = lambdas[k];
    if (!(l >= 0 && l < Infinity)) throw new RangeError(`${who}: lambda ${k} = ${l} is not finite and >= 0`);
  }
  try {
    return normalizeWeights(Float64Array.from(lambdas), count);
  } catch {
    throw new RangeError(`${who}: lambdas are all zero (the barycenter needs a positive weight)`);
  }
}

/** Indices k with λ_k > 0, ascending. */
export function activeIndices(lambdas: Float64Array): Int32Array {
  return Int32Array.from(Array.from(lambdas, (l, k) => (l > 0 ? k : -1)).filter((k) => k >= 0));
}
