import { describe, expect, it } from 'vitest';
import { randomLcg } from 'd3-random';
import type { Cloud } from '../../scenario/types.ts';
import { copyAndTransform, COPY_TRANSFORM_DEFAULTS } from './copyTransform.ts';

const cloud: Cloud = {
  name: 'Letter',
  points: Float64Array.of(1, 0, 0, 2, -1, -1, 3, 0.5),
  weights: Float64Array.of(1, 2, 3, 4),
  labels: Int32Array.of(7, 8, 9, 10),
};
const exact = { ...COPY_TRANSFORM_DEFAULTS, noise: 0, shuffle: false };

describe('copyAndTransform', () => {
  it('applies scale · R(angle) x + shift about the origin', () => {
    const out = copyAndTransform(
      cloud,
      { ...exact, angleDeg: 90, scale: 2, shiftX: 1, shiftY: -1 },
      randomLcg(1),
    );
    // (1, 0) → 2·(0, 1) + (1, −1) = (1, 1); (0, 2) → 2·(−2, 0) + (1, −1) = (−3, −1).
    const expected = [1, 1, -3, -1, 3, -3, 0, 5];
    out.points.forEach((v, k) => expect(v).toBeCloseTo(expected[k], 14));
    expect(Array.from(out.weights!)).toEqual([1, 2, 3, 4]);
    expect(Array.from(out.labels!)).toEqual([7, 8, 9, 10]);
    expect(out.points).not.toBe(cloud.points);
  });

  it('keeps the source untouched and returns an empty cloud for an empty source', () => {
    const before = Array.from(cloud.points);
    copyAndTransform(cloud, { ...COPY_TRANSFORM_DEFAULTS, shuffle: true }, randomLcg(2));
    expect(Array.from(cloud.points)).toEqual(before);
    const empty = copyAndTransform(
      { name: 'Empty', points: new Float64Array(0), weights: null, labels: null },
      exact,
      randomLcg(1),
    );
    expect(empty.points.length).toBe(0);
  });

  it('adds seeded noise of the requested size: same seed, same cloud', () => {
    const big: Cloud = { name: 'Big', points: new Float64Array(2 * 4000), weights: null, labels: null };
    const a = copyAndTransform(big, { ...exact, shiftX: 0, shiftY: 0, noise: 0.1 }, randomLcg(3));
    const b = copyAndTransform(big, { ...exact, shiftX: 0, shiftY: 0, noise: 0.1 }, randomLcg(3));
    expect(Array.from(a.points)).toEqual(Array.from(b.points));
    let sq = 0;
    for (const v of a.points) sq += v * v;
    // 8000 N(0, 0.1²) samples: the sample sd is within 5% of 0.1 (about 3 standard errors).
    expect(Math.sqrt(sq / a.points.length)).toBeGreaterThan(0.095);
    expect(Math.sqrt(sq / a.points.length)).toBeLessThan(0.105);
  });

  it('shuffles points with their weights and labels', () => {
    const out = copyAndTransform(
      cloud,
      { ...exact, angleDeg: 0, shiftX: 0, shiftY: 0, shuffle: true },
      randomLcg(9),
    );
    const rows = (c: Cloud) =>
      Array.from({ length: 4 }, (_, k) =>
        [c.points[2 * k], c.points[2 * k + 1], c.weights![k], c.labels![k]].join(),
      );
    expect(rows(out).sort()).toEqual(rows(cloud).sort());
    expect(rows(out)).not.toEqual(rows(cloud));
  });
});
