/** Validation shared by the critic kernels' entry points. */
import { normalizeWeights } from '../cost.ts';

/**
 * Checks one cloud (at least one point, finite coordinates) and returns its weights normalised
 * to sum 1 (uniform when `weights` is null).
 * @param kernel the entry point's name, for the message; @param side 'source' or 'target'
 * @throws RangeError naming the kernel, the side and the fault
 */
export function cloudWeights(
  kernel: string,
  side: string,
  points: Float64Array,
  weights: Float64Array | null,
): Float64Array {
  const n = points.length >> 1;
  if (n < 1 || points.length !== 2 * n)
    throw new RangeError(`${kernel}: the ${side} must hold at least one point (x, y pairs)`);
  for (let k = 0; k < points.length; k++)
    if (!Number.isFinite(points[k])) throw new RangeError(`${kernel}: ${side} coordinate ${k} is not finite`);
  try {
    return normalizeWeights(weights, n);
  } catch (e) {
    throw new RangeError(`${kernel}: ${side} ${(e as Error).message}`);
  }
}
