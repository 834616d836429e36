import { describe, expect, it } from 'vitest';
import type { BarycenterMorph } from '../../../workers/methods/barycenterTypes.ts';
import { morphPath } from './lambdas.ts';
import { morphFrames, morphGridAt, morphSupportAt } from './morph.ts';

describe('the morph', () => {
  it('has a frame at every corner of the λ path', () => {
    for (const K of [2, 3, 4, 8]) {
      const F = morphFrames(K);
      const path = morphPath(K, F);
      for (let k = 0; k < K; k++) {
        // Corner k (e_k) is reached at t = k / K for K >= 3 (and t = 0, 1 for two clouds).
        const f = K === 2 ? k * (F - 1) : (k * (F - 1)) / K;
        expect(Number.isInteger(f)).toBe(true);
        expect(path[f * K + k]).toBeCloseTo(1, 12);
      }
    }
  });

  it('interpolates each support point linearly between the two nearest frames', () => {
    // Three frames of two points: frame f has point 0 at (f, 0) and point 1 at (0, 2f).
    const supports = Float64Array.from([0, 0, 0, 0, 1, 0, 0, 2, 2, 0, 0, 4]);
    expect(Array.from(morphSupportAt(supports, 3, 0))).toEqual([0, 0, 0, 0]);
    expect(Array.from(morphSupportAt(supports, 3, 0.25))).toEqual([0.5, 0, 0, 1]);
    expect(Array.from(morphSupportAt(supports, 3, 0.75))).toEqual([1.5, 0, 0, 3]);
    expect(Array.from(morphSupportAt(supports, 3, 1))).toEqual([2, 0, 0, 4]);
    // Out of range and NaN clamp to the ends.
    expect(Array.from(morphSupportAt(supports, 3, 7))).toEqual([2, 0, 0, 4]);
    expect(Array.from(morphSupportAt(supports, 3, NaN))).toEqual([0, 0, 0, 0]);
  });

  it('shows the nearest grid frame, the same array for the same frame', () => {
    const m: BarycenterMorph = {
      kind: 'grid',
      frames: 3,
      supports: new Float64Array(0),
      supportWeights: new Float64Array(0),
      densities: Float32Array.from([1, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 1]),
      grid: { size: 2, bounds: [0, 1, 0, 1], blur: 0.1 },
    };
    expect(Array.from(morphGridAt(m, 0.4)!.density)).toEqual([0, 1, 0, 0]);
    expect(Array.from(morphGridAt(m, 0.9)!.density)).toEqual([0, 0, 0, 1]);
    expect(morphGridAt(m, 0.5)).toBe(morphGridAt(m, 0.45));
  });
});
