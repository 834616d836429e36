/**
 * Shared by the Brenier-map tests: the Gaussian reference case as typed arrays, the error measure
 * it states (RMS distance at the query points relative to `scale`) and small seeded clouds.
 */
import { randomLcg, randomNormal } from 'd3-random';
import reference from '../fixtures/brenier_00_gauss_400.json';

const flat = (pts: number[][]): Float64Array => Float64Array.from(pts.flat());

/** The reference case: clouds, uniform weights, query points, the closed-form map there. */
export const gaussianReference = {
  x: flat(reference.scenario.source.points),
  y: flat(reference.scenario.target.points),
  a: new Float64Array(reference.scenario.source.points.length).fill(
    1 / reference.scenario.source.points.length,
  ),
  b: new Float64Array(reference.scenario.target.points.length).fill(
    1 / reference.scenario.target.points.length,
  ),
  query: flat(reference.expect.query),
  expected: flat(reference.expect.map_at_query),
  scale: reference.scale,
  tolerance: reference.tolerance.map_rms_rel,
  populationW2: reference.expect.population_w2_squared,
};

/** RMS of |got_k − expected_k| over the points, divided by `scale`. Both interleaved. */
export function rmsRelative(got: Float64Array, expected: Float64Array, scale: number): number {
  let s = 0;
  for (let k = 0; k < expected.length; k++) s += (got[k] - expected[k]) ** 2;
  return Math.sqrt(s / (expected.length / 2)) / scale;
}

/** n points of a standard Gaussian scaled by (sx, sy) and moved to (cx, cy), seeded. */
export function gaussianCloud(n: number, seed: number, cx = 0, cy = 0, sx = 1, sy = 1): Float64Array {
  const normal = randomNormal.source(randomLcg(seed))(0, 1);
  const p = new Float64Array(2 * n);
  for (let i = 0; i < n; i++) {
    p[2 * i] = cx + sx * normal();
    p[2 * i + 1] = cy + sy * normal();
  }
  return p;
}

/** Uniform weights of length n. */
export const uniform = (n: number): Float64Array => new Float64Array(n).fill(1 / n);
