import { describe, expect, it } from 'vitest';
import { baseRadius, radiusFactors } from './clouds.ts';

const factors = (w: number[]) => radiusFactors(Float64Array.from(w));

describe('point radii from weights', () => {
  it('uniform clouds (no weights, equal weights, one point, all zero) draw every point the base size', () => {
    expect(radiusFactors(null)).toBeNull();
    expect(factors([2, 2, 2])).toBeNull();
    expect(factors([7])).toBeNull();
    expect(factors([0, 0])).toBeNull();
    expect(factors([])).toBeNull();
  });

  it('a point three times as heavy as another has three times its area', () => {
    // Weights 1 and 3, mean 2: radii √(1/2) and √(3/2) of the base (worked by hand).
    const f = factors([1, 3])!;
    expect(Array.from(f)).toEqual([expect.closeTo(0.70710678, 7), expect.closeTo(1.22474487, 7)]);
    expect(f[1] ** 2 / f[0] ** 2).toBeCloseTo(3, 12);
  });

  it('only relative weights matter: scaling every weight changes nothing', () => {
    expect(Array.from(factors([2, 6, 4])!)).toEqual(Array.from(factors([1, 3, 2])!));
    expect(Array.from(factors([1e-9, 3e-9])!)).toEqual(Array.from(factors([1, 3])!));
  });

  it('radii stay between 0.4× and 3× the base: zero weights stay visible, one heavy point does not cover the stage', () => {
    // Nine points of weight 0 and one of 100: mean 10, so √(100/10) ≈ 3.16 is cut to 3, and 0 is raised to 0.4.
    const f = factors([0, 0, 0, 0, 0, 0, 0, 0, 0, 100])!;
    expect(f[0]).toBe(0.4);
    expect(f[9]).toBe(3);
    // Within the range nothing is cut: weights 1 and 4 (mean 2.5) give √0.4 and √1.6.
    expect(Array.from(factors([1, 4])!)).toEqual([
      expect.closeTo(0.63245553, 7),
      expect.closeTo(1.26491106, 7),
    ]);
  });
});

describe('base radius', () => {
  it('shrinks as the cloud gets crowded, never below 1.5 px nor above 4.5 px', () => {
    let previous = Infinity;
    for (const n of [0, 1, 10, 30, 100, 1000, 5000, 20_000, 1e6]) {
      const r = baseRadius(n);
      expect(r).toBeLessThanOrEqual(previous);
      expect(r).toBeGreaterThanOrEqual(1.5);
      expect(r).toBeLessThanOrEqual(4.5);
      previous = r;
    }
  });

  it('draws a small cloud (30 points) at about 4 px and the largest (20,000) at about 1.5 px', () => {
    expect(baseRadius(30)).toBeGreaterThan(3.5);
    expect(baseRadius(30)).toBeLessThan(4.5);
    expect(baseRadius(20_000)).toBeLessThan(1.7);
    expect(baseRadius(10)).toBeGreaterThan(baseRadius(1000));
  });
});
