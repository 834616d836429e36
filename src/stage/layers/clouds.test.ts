import { describe, expect, it } from 'vitest';
import { baseRadius, radiusFactors, WEIGHT_RADIUS_CLAMP } from './clouds.ts';

describe('point radii', () => {
  it('uniform weights give no factors', () => {
    expect(radiusFactors(null)).toBeNull();
    expect(radiusFactors(Float64Array.from([2, 2, 2]))).toBeNull();
  });

  it('area is proportional to weight relative to the mean, clamped', () => {
    const f = radiusFactors(Float64Array.from([1, 4, 0, 1000]))!;
    const mean = 1005 / 4;
    expect(f[0]).toBeCloseTo(Math.max(WEIGHT_RADIUS_CLAMP[0], Math.sqrt(1 / mean)), 12);
    expect(f[2]).toBe(WEIGHT_RADIUS_CLAMP[0]);
    expect(f[3]).toBeCloseTo(Math.sqrt(1000 / mean), 12);
    const g = radiusFactors(Float64Array.from([1, 3]))!;
    expect(g[0]).toBeCloseTo(Math.sqrt(0.5), 12);
    expect(g[1]).toBeCloseTo(Math.sqrt(1.5), 12);
  });

  it('all-zero weights are treated as uniform', () => {
    expect(radiusFactors(Float64Array.from([0, 0]))).toBeNull();
  });

  it('base radius shrinks with crowding within [1.5, 4.5] px', () => {
    expect(baseRadius(10)).toBeGreaterThan(baseRadius(1000));
    expect(baseRadius(0)).toBeLessThanOrEqual(4.5);
    expect(baseRadius(20_000)).toBeGreaterThanOrEqual(1.5);
  });
});
