/**
 * Test helpers for the barycenter kernels: clouds from a fixture scenario, seeded random clouds,
 * and the largest absolute difference between two arrays.
 */
import { randomLcg, randomNormal } from 'd3-random';
import type { BarycenterCloud } from './input.ts';

/** A fixture scenario (format v2), only the fields read here. */
export interface FixtureScenario {
  clouds: { points: number[][]; weights?: number[] }[];
  params: Record<string, unknown>;
}

/** The clouds of a fixture scenario (weights as stored: normalised by the kernels). */
export function cloudsOf(s: FixtureScenario): BarycenterCloud[] {
  return s.clouds.map((c) => ({
    points: Float64Array.from(c.points.flat()),
    weights: c.weights ? Float64Array.from(c.weights) : null,
  }));
}

/** n points ~ N(centre, scale²) per axis, seeded, interleaved. */
export function gaussianCloud(seed: number, n: number, cx: number, cy: number, scale: number): Float64Array {
  const normal = randomNormal.source(randomLcg(seed))(0, scale);
  return Float64Array.from({ length: 2 * n }, (_, k) => (k % 2 === 0 ? cx : cy) + normal());
}

/** max_e |a_e − b_e| (Infinity when the lengths differ). */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) return Infinity;
  let d = 0;
  for (let e = 0; e < a.length; e++) d = Math.max(d, Math.abs(a[e] - b[e]));
  return d;
}

/** Points sorted lexicographically by (x, y), as [x, y] pairs: compares clouds as sets. */
export function sortedPoints(p: Float64Array): [number, number][] {
  const out: [number, number][] = [];
  for (let k = 0; k < p.length; k += 2) out.push([p[k], p[k + 1]]);
  return out.sort((u, v) => u[0] - v[0] || u[1] - v[1]);
}
