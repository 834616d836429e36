/**
 * The seeded starting support of a free-support barycenter: k points drawn from the mixture
 * Σ_k λ_k μ_k, then jittered.
 *
 * Each point: a cloud is picked with probability λ_k, then one of its points with probability its
 * weight (inverse CDF on the running sums, one uniform number each, from `randomLcg(seed)` in that
 * order), then moved by a jitter uniform in [−s, s]² (two more numbers) with
 * s = {@link INIT_JITTER} × the side of the clouds' union bounding box (the larger of its width and
 * height; 0 when every point is the same point). Without the jitter two draws of the same point
 * would start as one location and the transport plans could not tell them apart; at 1e-6 of the
 * spread it separates them far above rounding while moving the start by nothing visible.
 *
 * The draw depends on the order of the clouds (the same seed with permuted clouds picks other
 * points); the start translates with the clouds and scales with them.
 */
import { randomLcg } from 'd3-random';
import { jointBox } from '../brenier/brenierGrid.ts';

/** Jitter half-width, relative to the side of the union bounding box. */
export const INIT_JITTER = 1e-6;

/**
 * @param points the clouds' points, interleaved (checked)
 * @param weights their normalised weights
 * @param lambdas normalised λ, one per cloud
 * @param size k >= 1 points to draw
 * @param seed seed of the randomLcg stream
 * @returns k points, interleaved (length 2k)
 */
export function mixtureSupport(
  points: readonly Float64Array[],
  weights: readonly Float64Array[],
  lambdas: Float64Array,
  size: number,
  seed: number,
): Float64Array {
  const rand = randomLcg(seed);
  const [x0, y0, x1, y1] = jointBox(...points);
  const s = INIT_JITTER * Math.max(x1 - x0, y1 - y0);
  const out = new Float64Array(2 * size);
  for (let p = 0; p < size; p++) {
    const k = pick(lambdas, rand());
    const i = pick(weights[k], rand());
    out[2 * p] = points[k][2 * i] + s * (2 * rand() - 1);
    out[2 * p + 1] = points[k][2 * i + 1] + s * (2 * rand() - 1);
  }
  return out;
}

/** Index of the first positive-probability entry whose running sum exceeds u ∈ [0, 1). */
function pick(probabilities: Float64Array, u: number): number {
  let acc = 0;
  let last = -1;
  for (let k = 0; k < probabilities.length; k++) {
    if (!(probabilities[k] > 0)) continue;
    last = k;
    acc += probabilities[k];
    if (u < acc) return k;
  }
  // Rounding can leave the total just below u: the last positive entry takes it.
  return last;
}
