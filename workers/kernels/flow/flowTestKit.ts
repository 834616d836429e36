/**
 * Test helpers for the flow kernels: small seeded point sets (kernels and their tests may not
 * import src/, so the two-moons shape is generated here).
 */
import { randomLcg } from 'd3-random';
import { NormalStream } from './flowSampling.ts';

/**
 * n points on two interleaving half circles (scikit-learn's make_moons): even indices on the
 * upper moon (cos a, sin a), odd on the lower (1 − cos a, 0.5 − sin a), a ~ U[0, π], plus
 * N(0, noise²) jitter per coordinate. Interleaved, length 2n.
 */
export function twoMoons(n: number, noise: number, seed: number): Float64Array {
  const normal = new NormalStream(randomLcg(seed));
  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    const a = Math.PI * normal.uniform();
    const upper = i % 2 === 0;
    out[2 * i] = (upper ? Math.cos(a) : 1 - Math.cos(a)) + noise * normal.next();
    out[2 * i + 1] = (upper ? Math.sin(a) : 0.5 - Math.sin(a)) + noise * normal.next();
  }
  return out;
}

/** n points of N(center, sigma² I), interleaved. */
export function gaussianBlob(
  n: number,
  center: readonly [number, number],
  sigma: number,
  seed: number,
): Float64Array {
  const normal = new NormalStream(randomLcg(seed));
  const out = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    out[2 * i] = center[0] + sigma * normal.next();
    out[2 * i + 1] = center[1] + sigma * normal.next();
  }
  return out;
}

/** Root mean square of |v| over the n points of an interleaved velocity array. */
export function rmsNorm(v: Float64Array): number {
  let s = 0;
  for (let e = 0; e < v.length; e++) s += v[e] * v[e];
  return Math.sqrt(s / (v.length >> 1));
}
