import { describe, it, expect } from 'vitest';
import { randomLcg } from 'd3-random';
import { hilbertOrder } from './spatialOrder.ts';

/** Sum of distances between consecutive points in the given order. */
function pathLength(points: Float64Array, order: ArrayLike<number>): number {
  let s = 0;
  for (let k = 1; k < order.length; k++) {
    const p = order[k - 1];
    const q = order[k];
    s += Math.hypot(points[2 * p] - points[2 * q], points[2 * p + 1] - points[2 * q + 1]);
  }
  return s;
}

describe('hilbertOrder', () => {
  const rand = randomLcg(11);
  const n = 2000;
  const points = Float64Array.from({ length: 2 * n }, () => rand() * 10 - 5);

  it('is a permutation', () => {
    const order = hilbertOrder(points);
    expect(order.length).toBe(n);
    expect(new Set(order).size).toBe(n);
    expect(Math.min(...order)).toBe(0);
    expect(Math.max(...order)).toBe(n - 1);
  });

  it('visits the points along a short path (locality), far shorter than index order', () => {
    const order = hilbertOrder(points);
    const identity = Array.from({ length: n }, (_, i) => i);
    // A Hilbert tour of n uniform points in a square of side L is about 0.9 L √n long; a random
    // order is about 0.52 L n long.
    expect(pathLength(points, order)).toBeLessThan(1.2 * 10 * Math.sqrt(n));
    expect(pathLength(points, order)).toBeLessThan(pathLength(points, identity) / 10);
  });

  it('is deterministic, keeps input order for coincident points, and handles one point or a line', () => {
    expect(Array.from(hilbertOrder(points))).toEqual(Array.from(hilbertOrder(points)));
    expect(Array.from(hilbertOrder(new Float64Array([1, 1, 1, 1, 1, 1])))).toEqual([0, 1, 2]);
    expect(Array.from(hilbertOrder(new Float64Array([3, 4])))).toEqual([0]);
    const line = hilbertOrder(new Float64Array([3, 0, 1, 0, 2, 0, 0, 0]));
    expect(pathLength(new Float64Array([3, 0, 1, 0, 2, 0, 0, 0]), line)).toBeCloseTo(3, 12);
  });
});
