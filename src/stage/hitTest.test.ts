import { describe, expect, it } from 'vitest';
import type { Cloud } from '../scenario/types.ts';
import {
  boundsOfIndices,
  hitRadiusFor,
  HIT_RADIUS_PX,
  inBounds,
  nearestInClouds,
  sortedIncludes,
  validIndices,
} from './hitTest.ts';

const cloud = (pts: number[]): Cloud => ({
  name: 'c',
  points: Float64Array.from(pts),
  weights: null,
  labels: null,
});

describe('nearestInClouds', () => {
  const clouds = [cloud([0, 0, 5, 5]), cloud([1, 0]), cloud([0.5, 3])];
  it('nearest of any cloud wins', () => {
    const hit = nearestInClouds(clouds, 0.8, 0, 1, 0)!;
    expect([hit.side, hit.index]).toEqual([1, 0]);
    expect(hit.distance).toBeCloseTo(0.2, 12);
    expect(nearestInClouds(clouds, 4.9, 5, 1, 1)?.side).toBe(0);
    expect(nearestInClouds(clouds, 0.5, 2.5, 1, 0)?.side).toBe(2);
  });
  it('an exact tie goes to the preferred cloud, then the lower index', () => {
    expect(nearestInClouds(clouds, 0.5, 0, 1, 0)?.side).toBe(0);
    expect(nearestInClouds(clouds, 0.5, 0, 1, 1)?.side).toBe(1);
    expect(nearestInClouds(clouds, 0.5, 0, 1, 2)?.side).toBe(0);
  });
  it('returns null outside the radius, and for no clouds', () => {
    expect(nearestInClouds(clouds, 3, 0, 1, 0)).toBeNull();
    expect(nearestInClouds([], 0, 0, 1, 0)).toBeNull();
  });
});

describe('helpers', () => {
  it('hit radius is larger for touch', () => {
    expect(hitRadiusFor('touch')).toBe(HIT_RADIUS_PX.coarse);
    expect(hitRadiusFor('mouse', true)).toBe(HIT_RADIUS_PX.fine);
    expect(hitRadiusFor('', true)).toBe(HIT_RADIUS_PX.coarse);
    expect(HIT_RADIUS_PX.coarse).toBeGreaterThan(HIT_RADIUS_PX.fine);
  });

  it('boundsOfIndices and inBounds', () => {
    const c = cloud([0, 0, 2, 1, -1, 3]);
    const b = boundsOfIndices(c, [0, 1, 9])!;
    expect(b).toEqual({ x0: 0, y0: 0, x1: 2, y1: 1 });
    expect(boundsOfIndices(c, [7])).toBeNull();
    expect(inBounds(b, 2.05, 0.5)).toBe(false);
    expect(inBounds(b, 2.05, 0.5, 0.1)).toBe(true);
  });

  it('sortedIncludes and validIndices', () => {
    const idx = Int32Array.from([1, 4, 9, 12]);
    expect([0, 1, 4, 5, 9, 12, 13].map((i) => sortedIncludes(idx, i))).toEqual([
      false,
      true,
      true,
      false,
      true,
      true,
      false,
    ]);
    expect(Array.from(validIndices(idx, 10))).toEqual([1, 4, 9]);
    expect(validIndices(idx, 13)).toBe(idx);
  });
});
