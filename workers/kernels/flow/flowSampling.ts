/**
 * Distributions the flow trains between. A point cloud is read as a distribution the way GAN Lab
 * does: pick a point (by its weight), add Gaussian noise of a chosen bandwidth (a kernel density
 * estimate). The source may instead be standard Gaussian noise N(0, I) in plane units.
 *
 * Randomness comes from a uniform [0, 1) generator passed in (d3-random's randomLcg(seed)); the
 * same generator state gives the same samples, bit for bit.
 */

import { randomNormal } from 'd3-random';

/** A uniform [0, 1) generator, e.g. `randomLcg(seed)` from d3-random. */
export type Uniform = () => number;

/** Which distribution the source is. */
export type SourceKind = 'cloud' | 'gaussian';

/** A distribution in the plane that can be sampled. */
export interface PlaneDistribution {
  /**
   * Writes n samples into `out[0 .. 2n)`, interleaved [x0, y0, x1, y1, ...], plane units.
   * @param normal the normal stream to draw Gaussian noise from (it wraps the uniform generator)
   */
  sample(out: Float64Array, n: number, normal: NormalStream): void;
  /** Mean, plane units. */
  readonly mean: readonly [number, number];
  /** E|X − mean|², plane units² (total variance, both coordinates). */
  readonly variance: number;
}

/**
 * Standard normal draws from d3-random's `randomNormal` (the polar method) driven by the given
 * uniform generator, so a seeded uniform stream gives the same normals everywhere (worker, CLI,
 * tests). The uniform generator stays reachable for draws that need uniforms too.
 */
export class NormalStream {
  readonly uniform: Uniform;
  private readonly draw: () => number;

  constructor(uniform: Uniform) {
    this.uniform = uniform;
    this.draw = randomNormal.source(uniform)(0, 1);
  }

  /** One N(0, 1) draw. */
  next(): number {
    return this.draw();
  }
}

/** N(0, I) in plane units: mean (0, 0), total variance 2. */
export class GaussianDistribution implements PlaneDistribution {
  readonly mean = [0, 0] as const;
  readonly variance = 2;

  sample(out: Float64Array, n: number, normal: NormalStream): void {
    for (let k = 0; k < 2 * n; k++) out[k] = normal.next();
  }
}

/**
 * A weighted point cloud blurred by an isotropic Gaussian kernel of standard deviation
 * `bandwidth` (plane units; 0 gives the bare empirical distribution). Points are picked by
 * Vose's alias method: O(1) per draw after O(n) set-up.
 */
export class CloudDistribution implements PlaneDistribution {
  readonly points: Float64Array;
  readonly bandwidth: number;
  readonly mean: readonly [number, number];
  readonly variance: number;
  /** Alias table (null for uniform weights): keep i with probability prob[i], else alias[i]. */
  private readonly prob: Float64Array | null;
  private readonly alias: Int32Array | null;
  private readonly count: number;

  /**
   * @param points interleaved, length 2n, n >= 1, finite
   * @param weights length n, finite and >= 0 with a positive sum, or null for uniform
   * @param bandwidth kernel standard deviation, plane units, >= 0
   */
  constructor(points: Float64Array, weights: Float64Array | null, bandwidth: number) {
    const n = points.length >> 1;
    if (n < 1 || points.length !== 2 * n)
      throw new RangeError('CloudDistribution: points must be 2n values, n >= 1');
    if (!(bandwidth >= 0) || !Number.isFinite(bandwidth)) {
      throw new RangeError(`CloudDistribution: bandwidth must be finite and >= 0 (got ${bandwidth})`);
    }
    if (weights !== null && weights.length !== n)
      throw new RangeError('CloudDistribution: weights length must be n');
    this.points = points;
    this.bandwidth = bandwidth;
    this.count = n;
    const p = normalised(weights, n);
    let mx = 0;
    let my = 0;
    for (let i = 0; i < n; i++) {
      mx += p[i] * points[2 * i];
      my += p[i] * points[2 * i + 1];
    }
    let v = 0;
    for (let i = 0; i < n; i++) v += p[i] * ((points[2 * i] - mx) ** 2 + (points[2 * i + 1] - my) ** 2);
    this.mean = [mx, my];
    this.variance = v + 2 * bandwidth * bandwidth;
    if (weights === null) {
      this.prob = null;
      this.alias = null;
    } else {
      const t = aliasTable(p);
      this.prob = t.prob;
      this.alias = t.alias;
    }
  }

  /** Index of one point drawn by weight (one or two uniforms). */
  pick(uniform: Uniform): number {
    const n = this.count;
    const i = Math.min(n - 1, Math.floor(uniform() * n));
    if (this.prob === null || this.alias === null) return i;
    return uniform() < this.prob[i] ? i : this.alias[i];
  }

  sample(out: Float64Array, n: number, normal: NormalStream): void {
    const pts = this.points;
    const h = this.bandwidth;
    for (let k = 0; k < n; k++) {
      const i = this.pick(normal.uniform);
      let x = pts[2 * i];
      let y = pts[2 * i + 1];
      if (h > 0) {
        x += h * normal.next();
        y += h * normal.next();
      }
      out[2 * k] = x;
      out[2 * k + 1] = y;
    }
  }
}

/** Weights scaled to sum 1 (uniform when null). */
function normalised(weights: Float64Array | null, n: number): Float64Array {
  const p = new Float64Array(n);
  if (weights === null) return p.fill(1 / n);
  let max = 0;
  for (let i = 0; i < n; i++) {
    const w = weights[i];
    if (!(w >= 0) || !Number.isFinite(w))
      throw new RangeError(`CloudDistribution: weight ${i} is not finite and >= 0`);
    max = Math.max(max, w);
  }
  if (!(max > 0)) throw new RangeError('CloudDistribution: weights sum to zero');
  // Relative to the largest first: the sum of weights near the float maximum overflows.
  let sum = 0;
  for (let i = 0; i < n; i++) sum += weights[i] / max;
  for (let i = 0; i < n; i++) p[i] = weights[i] / max / sum;
  return p;
}

/** Vose's alias table for probabilities p (summing to 1). */
function aliasTable(p: Float64Array): { prob: Float64Array; alias: Int32Array } {
  const n = p.length;
  const prob = new Float64Array(n);
  const alias = new Int32Array(n);
  const scaled = new Float64Array(n);
  const small: number[] = [];
  const large: number[] = [];
  for (let i = 0; i < n; i++) {
    scaled[i] = p[i] * n;
    (scaled[i] < 1 ? small : large).push(i);
  }
  while (small.length > 0 && large.length > 0) {
    const s = small.pop()!;
    const l = large.pop()!;
    prob[s] = scaled[s];
    alias[s] = l;
    scaled[l] = scaled[l] + scaled[s] - 1;
    (scaled[l] < 1 ? small : large).push(l);
  }
  // Leftovers are 1 up to rounding.
  for (const i of large) prob[i] = 1;
  for (const i of small) prob[i] = 1;
  return { prob, alias };
}

/** The two distributions of a flow problem. */
export interface FlowDistributions {
  source: PlaneDistribution;
  target: PlaneDistribution;
}

/**
 * The source and target distributions of a scenario: the target cloud blurred by `bandwidth`;
 * the source cloud likewise, or N(0, I) when `source` is 'gaussian'.
 * @param x, y interleaved clouds (x unused for a Gaussian source); a, b weights or null
 */
export function flowDistributions(d: {
  x: Float64Array;
  a: Float64Array | null;
  y: Float64Array;
  b: Float64Array | null;
  source: SourceKind;
  bandwidth: number;
}): FlowDistributions {
  return {
    source:
      d.source === 'gaussian' ? new GaussianDistribution() : new CloudDistribution(d.x, d.a, d.bandwidth),
    target: new CloudDistribution(d.y, d.b, d.bandwidth),
  };
}
