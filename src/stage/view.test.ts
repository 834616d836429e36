import { describe, expect, it } from 'vitest';
import type { Cloud } from '../scenario/types.ts';
import { FALLBACK_THEMES } from './palette.ts';
import {
  cloudsBounds,
  DEFAULT_BOUNDS,
  fitBounds,
  makeStageView,
  pointsBounds,
  shouldRefit,
  tickCount,
  visibleBounds,
} from './view.ts';

const cloud = (pts: number[], name = 'Source'): Cloud => ({
  name,
  points: Float64Array.from(pts),
  weights: null,
  labels: null,
});
const empty = cloud([]);
const theme = FALLBACK_THEMES.light;

describe('bounds', () => {
  it('empty clouds fall back to [-3, 3]²', () => {
    expect(cloudsBounds([empty, empty])).toBe(DEFAULT_BOUNDS);
    expect(pointsBounds([empty])).toBeNull();
  });

  it('pads the extent and keeps a minimum half extent', () => {
    const b = cloudsBounds([cloud([0, 0, 4, 2]), cloud([2, -2])], 0.25, 0.5);
    // x extent [0, 4]: centre 2, half 2 * 1.5 = 3; y extent [-2, 2]: half 3.
    expect(b).toEqual({ x0: -1, y0: -3, x1: 5, y1: 3 });
    const single = cloudsBounds([cloud([1, 1])], 0.1, 1);
    expect(single).toEqual({ x0: 0, y0: 0, x1: 2, y1: 2 });
  });

  it('skips non-finite coordinates', () => {
    expect(pointsBounds([cloud([NaN, 0, 1, Infinity, 2, 3])])).toEqual({ x0: 2, y0: 3, x1: 2, y1: 3 });
  });
});

describe('fit and view', () => {
  it('fits with equal aspect ratio, centred, y up', () => {
    // A 2×2 box in a 400×200 canvas: the height limits, 100 px per unit.
    const fit = fitBounds({ x0: -1, y0: -1, x1: 1, y1: 1 }, 400, 200);
    expect(fit.k).toBe(100);
    const v = makeStageView(fit, { k: 1, x: 0, y: 0 }, { width: 400, height: 200, dpr: 2 }, theme);
    expect(v.sx(0)).toBe(200);
    expect(v.sy(0)).toBe(100);
    expect(v.sy(1)).toBe(0); // up is up
    expect(v.sx(1) - v.sx(0)).toBeCloseTo(v.sy(0) - v.sy(1), 12);
    expect(v.invertX(v.sx(0.37))).toBeCloseTo(0.37, 12);
    expect(v.invertY(v.sy(-0.8))).toBeCloseTo(-0.8, 12);
  });

  it('applies the zoom transform after the fit and agrees with its d3 scales', () => {
    const fit = fitBounds({ x0: -1, y0: -1, x1: 1, y1: 1 }, 200, 200);
    const v = makeStageView(fit, { k: 2, x: -200, y: -100 }, { width: 200, height: 200, dpr: 1 }, theme);
    expect(v.k).toBe(200);
    expect(v.zoom).toBe(2);
    // Plane origin: fitted at (100, 100), then scaled by 2 and shifted.
    expect(v.sx(0)).toBe(0);
    expect(v.sy(0)).toBe(100);
    for (const x of [-0.5, 0, 0.3]) expect(v.xScale(x)).toBeCloseTo(v.sx(x), 9);
    for (const y of [-0.5, 0, 0.3]) expect(v.yScale(y)).toBeCloseTo(v.sy(y), 9);
    expect(visibleBounds(v)).toEqual({ x0: 0, x1: 1, y0: -0.5, y1: 0.5 });
  });

  it('survives a zero-size canvas', () => {
    const fit = fitBounds(DEFAULT_BOUNDS, 0, 0);
    expect(fit.k).toBe(1);
    const v = makeStageView(fit, { k: 1, x: 0, y: 0 }, { width: 0, height: 0, dpr: 1 }, theme);
    expect(Number.isFinite(v.sx(1))).toBe(true);
  });

  it('tickCount grows with size and is at least 2', () => {
    expect(tickCount(50)).toBe(2);
    expect(tickCount(900)).toBe(10);
  });
});

describe('shouldRefit', () => {
  const visible = { x0: -3, y0: -3, x1: 3, y1: 3 };
  it('keeps the view for clouds already in view', () => {
    expect(shouldRefit(visible, [cloud([-2, -2, 2, 2])])).toBe(false);
    expect(shouldRefit(visible, [empty])).toBe(false);
  });
  it('refits for clouds out of view or tiny in it', () => {
    expect(shouldRefit(visible, [cloud([100, 100, 101, 101])])).toBe(true);
    expect(shouldRefit(visible, [cloud([0, 0, 0.1, 0.1])])).toBe(true);
  });
});
