import { afterEach, describe, expect, it, vi } from 'vitest';
import { firstNonFinite } from './finiteGuard.ts';
import {
  clearResult,
  getResult,
  isDrawable,
  onRefusedResult,
  putResult,
  subscribeResults,
} from './results.ts';

describe('firstNonFinite', () => {
  it('finds NaN and infinities in nested float arrays and names the place', () => {
    const plan = { i: new Int32Array([0, 1]), j: new Int32Array([1, 0]), mass: new Float64Array([0.5, NaN]) };
    expect(firstNonFinite({ plan, cost: 1 })).toBe('result.plan.mass[1] = NaN');
    expect(firstNonFinite([new Float32Array([1, -Infinity])], 'grid')).toBe('grid[0][1] = -Infinity');
    expect(firstNonFinite({ a: { b: { c: new Float64Array([Infinity]) } } })).toBe(
      'result.a.b.c[0] = Infinity',
    );
  });

  it('accepts finite arrays, integer arrays and NaN in plain number fields ("not available")', () => {
    expect(firstNonFinite({ points: new Float64Array([0, 1e308, -1e-308]), loss: NaN })).toBeNull();
    expect(firstNonFinite({ idx: new Int32Array([1, 2]) })).toBeNull();
    expect(firstNonFinite(null)).toBeNull();
    expect(firstNonFinite(undefined)).toBeNull();
  });
});

describe('putResult', () => {
  afterEach(() => clearResult('test-lane'));

  it('refuses a result with NaN, empties the lane and reports where', () => {
    const refused = vi.fn();
    const restore = onRefusedResult(refused);
    const seen = vi.fn();
    const off = subscribeResults(seen);
    expect(putResult('test-lane', 1, { points: new Float64Array([1, 2]) })).toBe(true);
    expect(putResult('test-lane', 2, { points: new Float64Array([1, NaN]) })).toBe(false);
    expect(getResult('test-lane')).toBeUndefined();
    expect(refused).toHaveBeenCalledWith('test-lane', 'result.points[1] = NaN');
    expect(seen).toHaveBeenCalledTimes(2);
    off();
    restore();
  });

  it('stores a finite result', () => {
    const value = { grid: new Float32Array([0.25, -3]) };
    expect(putResult('test-lane', 7, value)).toBe(true);
    expect(getResult('test-lane')).toEqual({ runId: 7, value });
  });
});

describe('isDrawable', () => {
  it('reports data with NaN that does not go through the cache (a live preview)', () => {
    const refused = vi.fn();
    const restore = onRefusedResult(refused);
    expect(isDrawable('flow preview', { trajectories: new Float32Array([0, 1]) })).toBe(true);
    expect(refused).not.toHaveBeenCalled();
    expect(isDrawable('flow preview', { trajectories: new Float32Array([0, NaN]) })).toBe(false);
    expect(refused).toHaveBeenCalledWith('flow preview', 'result.trajectories[1] = NaN');
    restore();
  });
});
