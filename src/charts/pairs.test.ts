import { describe, expect, it } from 'vitest';
import { seriesFromPairs } from './pairs.ts';

describe('seriesFromPairs', () => {
  it('splits [x0, y0, x1, y1, …] into x and y, ignoring a trailing odd entry', () => {
    const { x, y } = seriesFromPairs(Float64Array.of(0, 1.5, 10, 0.25, 20, -3, 99));
    expect(Array.from(x)).toEqual([0, 10, 20]);
    expect(Array.from(y)).toEqual([1.5, 0.25, -3]);
  });

  it('gives empty series for an empty history', () => {
    const { x, y } = seriesFromPairs(new Float64Array(0));
    expect(x.length + y.length).toBe(0);
  });
});
