/**
 * The sliced Wasserstein distance between two weighted clouds in the plane: the mean, over
 * directions θ, of the exact 1-D W2² between the clouds' projections ⟨x, θ⟩ (oneD.ts).
 *
 *   SW2² = E_θ W2²(θ#μ, θ#ν) ≈ (1/L) Σ_l W2²(θ_l#μ, θ_l#ν),
 *
 * θ_l = (cos φ_l, sin φ_l) with φ_l uniform in [0, π) from a seeded stream: a direction and its
 * opposite give the same 1-D cost, so half the circle is the whole sphere in 2-D. The estimate is
 * unbiased; its standard error is the sample standard deviation of the L values over √L. Each
 * 1-D W2² is at most W2² (projection is 1-Lipschitz), so SW2² ≤ W2²; max-sliced, the largest
 * 1-D W2² over all directions, is at least every sample and hence at least the estimate.
 */
import { randomLcg } from 'd3-random';
import { sort1d, sortUniform, uniformCumulative, w2Sorted, type Sorted1d } from './oneD.ts';

/**
 * L seeded angles, uniform in [0, π), radians: φ_l = π·u_l with u_l the l-th number of
 * `randomLcg(seed)` (the same stream as the rest of the house's seeded draws).
 */
export function sliceAngles(count: number, seed: number): Float64Array {
  const rand = randomLcg(seed);
  const out = new Float64Array(count);
  for (let l = 0; l < count; l++) out[l] = Math.PI * rand();
  return out;
}

/**
 * Projections ⟨p_i, (cos φ, sin φ)⟩ of interleaved points.
 * @param points length 2n, interleaved; @param out optional buffer of length n
 */
export function project(points: Float64Array, angle: number, out?: Float64Array): Float64Array {
  const n = points.length >> 1;
  const p = out && out.length === n ? out : new Float64Array(n);
  const c = Math.cos(angle);
  const s = Math.sin(angle);
  for (let i = 0; i < n; i++) p[i] = c * points[2 * i] + s * points[2 * i + 1];
  return p;
}

/**
 * W2² along each angle, reusing buffers (the hot loop of the estimate and of max-sliced).
 * @param x, y interleaved points (lengths 2n, 2m); @param a, b normalised weights or null for uniform
 * @returns one exact 1-D W2² per angle, squared plane units
 */
export function w2AlongAngles(
  x: Float64Array,
  y: Float64Array,
  a: Float64Array | null,
  b: Float64Array | null,
  angles: ArrayLike<number>,
): Float64Array {
  const n = x.length >> 1;
  const m = y.length >> 1;
  const px = new Float64Array(n);
  const py = new Float64Array(m);
  // Uniform sides sort values only (native sort); weighted sides need the order for the weights.
  const cx = a ? null : uniformCumulative(n);
  const cy = b ? null : uniformCumulative(m);
  const sorted = (p: Float64Array, w: Float64Array | null, c: Float64Array | null): Sorted1d =>
    c ? sortUniform(p, c) : sort1d(p, w);
  const out = new Float64Array(angles.length);
  for (let l = 0; l < angles.length; l++) {
    project(x, angles[l], px);
    project(y, angles[l], py);
    out[l] = w2Sorted(sorted(px, a, cx), sorted(py, b, cy));
  }
  return out;
}

/** A sliced estimate. */
export interface SlicedResult {
  /** The estimate of SW2²: the mean of `values`, squared plane units. */
  sw2: number;
  /** The angles used, radians in [0, π), length L. */
  angles: Float64Array;
  /** Exact 1-D W2² along each angle, length L. */
  values: Float64Array;
  /** Standard error of the estimate: sample standard deviation of `values` / √L (0 when L = 1). */
  standardError: number;
}

/** Options of {@link slicedWasserstein}: `angles` win over `projections` and `seed`. */
export interface SlicedOptions {
  /** L >= 1 directions. */
  projections?: number;
  seed?: number;
  /** Explicit angles, radians (e.g. the same projections passed to POT). */
  angles?: Float64Array;
}

/**
 * Monte-Carlo SW2² over L seeded directions. With `angles` Θ it equals POT 0.8.2's
 * `ot.sliced_wasserstein_distance(X, Y, a, b, projections=Θ, p=2) ** 2` to 1e-12 relative.
 * @throws RangeError when L is not an integer >= 1 or a cloud is empty
 */
export function slicedWasserstein(
  x: Float64Array,
  y: Float64Array,
  a: Float64Array | null,
  b: Float64Array | null,
  options: SlicedOptions,
): SlicedResult {
  if (x.length < 2 || y.length < 2) throw new RangeError('sliced: both clouds need at least one point');
  const angles = options.angles ?? sliceAngles(checkedCount(options.projections), options.seed ?? 0);
  if (angles.length === 0) throw new RangeError('sliced: projections must be at least 1');
  const values = w2AlongAngles(x, y, a, b, angles);
  const L = values.length;
  let mean = 0;
  for (const v of values) mean += v;
  mean /= L;
  let ss = 0;
  for (const v of values) ss += (v - mean) * (v - mean);
  const standardError = L > 1 ? Math.sqrt(ss / (L - 1) / L) : 0;
  return { sw2: mean, angles, values, standardError };
}

function checkedCount(L: number | undefined): number {
  const count = L ?? 50;
  if (!(Number.isInteger(count) && count >= 1)) {
    throw new RangeError(`sliced: projections must be an integer >= 1, got ${count}`);
  }
  return count;
}

/** Running estimate after each direction: mean of the first l values and ±2 standard errors. */
export interface RunningEstimate {
  /** Length L: mean of values[0..l]. */
  mean: Float64Array;
  /** Length L: 2 · (sample std of values[0..l]) / √(l+1); 0 at l = 0. */
  band: Float64Array;
}

/** The estimate against the number of directions, as POT's sliced-variance example plots it. */
export function runningEstimate(values: Float64Array): RunningEstimate {
  const L = values.length;
  const mean = new Float64Array(L);
  const band = new Float64Array(L);
  // Welford's update: stable for many values of similar size.
  let mu = 0;
  let m2 = 0;
  for (let l = 0; l < L; l++) {
    const d = values[l] - mu;
    mu += d / (l + 1);
    m2 += d * (values[l] - mu);
    mean[l] = mu;
    band[l] = l > 0 ? 2 * Math.sqrt(Math.max(0, m2) / l / (l + 1)) : 0;
  }
  return { mean, band };
}
