import { describe, expect, it } from 'vitest';
import {
  effectiveLambdas,
  lambdasAt,
  morphPath,
  roundLambdas,
  trianglePoint,
  triangleWeights,
} from './lambdas.ts';

const clouds = (k: number) =>
  Array.from({ length: k }, (_, i) => ({
    name: `c${i}`,
    points: new Float64Array(2),
    weights: null,
    labels: null,
  }));

describe('effectiveLambdas', () => {
  it('normalises one weight per cloud; empty means equal weights', () => {
    expect(
      Array.from(effectiveLambdas({ clouds: clouds(3), params: { lambdas: [2, 1, 1] } }).lambdas),
    ).toEqual([0.5, 0.25, 0.25]);
    const eq = effectiveLambdas({ clouds: clouds(4), params: { lambdas: [] } });
    expect(Array.from(eq.lambdas)).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(eq.note).toBeNull();
  });

  it('falls back to equal weights, and says why, for a wrong length or all zeros', () => {
    const r = effectiveLambdas({ clouds: clouds(3), params: { lambdas: [1, 2] } });
    expect(Array.from(r.lambdas)).toEqual([1 / 3, 1 / 3, 1 / 3]);
    expect(r.note).toMatch(/set for 2 clouds and there are 3/);
    expect(effectiveLambdas({ clouds: clouds(2), params: { lambdas: [0, 0] } }).note).toMatch(/zero/);
  });

  it('rounds to three decimals for the parameter', () => {
    expect(roundLambdas([1 / 3, 2 / 3])).toEqual([0.333, 0.667]);
  });
});

describe('the triangle', () => {
  it('maps corners and the centre both ways', () => {
    expect(trianglePoint([1, 0, 0])).toEqual([0, 0]);
    expect(trianglePoint([0, 1, 0])).toEqual([1, 0]);
    const [cx, cy] = trianglePoint([1 / 3, 1 / 3, 1 / 3]);
    triangleWeights(cx, cy).forEach((w) => expect(w).toBeCloseTo(1 / 3, 12));
    for (const l of [
      [0.5, 0.3, 0.2],
      [0, 0.25, 0.75],
    ]) {
      const [x, y] = trianglePoint(l);
      triangleWeights(x, y).forEach((w, k) => expect(w).toBeCloseTo(l[k], 12));
    }
  });

  it('clamps a point outside to the nearest point of the triangle (weights >= 0, sum 1)', () => {
    const below = triangleWeights(0.25, -1);
    expect(below.map((w) => Math.round(w * 1e9) / 1e9)).toEqual([0.75, 0.25, 0]);
    const farLeft = triangleWeights(-5, -5);
    expect(farLeft).toEqual([1, 0, 0]);
    for (const [x, y] of [
      [2, 2],
      [-1, 0.5],
      [0.5, 3],
    ]) {
      const w = triangleWeights(x, y);
      expect(w.every((v) => v >= 0)).toBe(true);
      expect(w[0] + w[1] + w[2]).toBeCloseTo(1, 12);
    }
  });
});

describe('the morph path', () => {
  it('two clouds: (1 − t, t)', () => {
    expect(Array.from(lambdasAt(0.25, 2))).toEqual([0.75, 0.25]);
  });

  it('three or more: around the corners at constant speed, back to the start', () => {
    expect(Array.from(lambdasAt(0, 3))).toEqual([1, 0, 0]);
    expect(Array.from(lambdasAt(1 / 3, 3))).toEqual([0, 1, 0]);
    expect(Array.from(lambdasAt(0.5, 3)).map((v) => Math.round(v * 1e12) / 1e12)).toEqual([0, 0.5, 0.5]);
    expect(Array.from(lambdasAt(1, 3))).toEqual([1, 0, 0]);
    for (const t of [0.1, 0.4, 0.77]) {
      const l = lambdasAt(t, 5);
      expect(l.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 12);
    }
  });

  it('samples F rows at evenly spaced t', () => {
    const p = morphPath(3, 4);
    expect(p).toHaveLength(12);
    expect(Array.from(p.slice(0, 3))).toEqual([1, 0, 0]);
    expect(Array.from(p.slice(9, 12))).toEqual([1, 0, 0]);
  });
});
