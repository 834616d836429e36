import { describe, expect, it } from 'vitest';
import type { SlicedAngleResult } from '../../../workers/methods/slicedTypes.ts';
import { jointCentre, quantileSeries, SLICE_BINS, sliceHistograms } from './sliceView.ts';

const r: SlicedAngleResult = {
  angleDegrees: 0,
  w2: 0,
  px: Float64Array.of(0, 1, 2),
  py: Float64Array.of(3, 4),
  a: Float64Array.of(0.25, 0.25, 0.5),
  b: Float64Array.of(0.5, 0.5),
  plan: {
    i: Int32Array.of(0, 1, 2, 2),
    j: Int32Array.of(0, 0, 0, 1),
    mass: Float64Array.of(0.25, 0.25, 0, 0.5),
  },
};

describe('sliceView', () => {
  it('histograms hold each side’s mass on shared bins', () => {
    const h = sliceHistograms(r);
    expect(h.edges[0]).toBe(0);
    expect(h.edges[SLICE_BINS]).toBe(4);
    const sum = (row: number) =>
      h.rows.subarray(row * SLICE_BINS, (row + 1) * SLICE_BINS).reduce((s, v) => s + v, 0);
    expect(sum(0)).toBeCloseTo(1, 15);
    expect(sum(1)).toBeCloseTo(1, 15);
    expect(h.rows[2 * SLICE_BINS - 1]).toBe(0.5);
  });

  it('collapsed projections still bin', () => {
    const h = sliceHistograms({ ...r, px: Float64Array.of(1, 1, 1), py: Float64Array.of(1, 1) });
    expect(h.peak).toBe(1);
  });

  it('quantile series step along the plan’s pieces', () => {
    const q = quantileSeries(r);
    expect(Array.from(q.source.x)).toEqual([0, 0.25, 0.25, 0.5, 0.5, 0.5, 0.5, 1]);
    expect(Array.from(q.target.y)).toEqual([3, 3, 3, 3, 3, 3, 4, 4]);
  });

  it('the joint centre averages the two clouds’ weighted means', () => {
    const c = jointCentre([
      { points: Float64Array.of(0, 0, 2, 0), weights: Float64Array.of(1, 3) },
      { points: Float64Array.of(0, 4), weights: null },
    ]);
    expect(c).toEqual([0.75, 2]);
  });
});

describe('angleFromPointer', () => {
  it('reads θ from the pointer about the centre (y down on the canvas), wrapped to [0, 180)', async () => {
    const { angleFromPointer } = await import('./sliceHandle.ts');
    expect(angleFromPointer(110, 100, 100, 100)).toBe(0);
    expect(angleFromPointer(100, 90, 100, 100)).toBe(90);
    expect(angleFromPointer(90, 110, 100, 100)).toBe(45); // down-left: the same slice as up-right
    expect(angleFromPointer(110, 110, 100, 100)).toBe(135);
    expect(angleFromPointer(90, 100, 100, 100)).toBe(0);
    expect(angleFromPointer(110, 89.3, 100, 100)).toBe(47);
  });
});
