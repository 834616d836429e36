import { describe, expect, it } from 'vitest';
import { adaptMethods, separatingDirection } from './adapt.ts';

describe('separatingDirection', () => {
  it('runs through the two class means farthest apart', () => {
    // Class means (0, 0), (3, 4) and (1, 0): the farthest pair is classes 0 and 1.
    const points = Float64Array.from([-1, 0, 1, 0, 3, 3, 3, 5, 1, 0]);
    const labels = Int32Array.from([0, 0, 1, 1, 2]);
    const [dx, dy] = separatingDirection(points, labels);
    expect(dx).toBeCloseTo(0.6, 12);
    expect(dy).toBeCloseTo(0.8, 12);
  });

  it('falls back to (1, 0) without labels or when the class means coincide', () => {
    expect(separatingDirection(Float64Array.from([0, 0, 1, 1]), null)).toEqual([1, 0]);
    expect(
      separatingDirection(Float64Array.from([-1, 0, 1, 0, 0, -1, 0, 1]), Int32Array.from([0, 0, 1, 1])),
    ).toEqual([1, 0]);
  });
});

describe('solveDecorrelate', () => {
  it('returns per-class histograms whose rows each hold mass 1, before and after', async () => {
    const n = 40;
    const points = new Float64Array(2 * n);
    const labels = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      labels[i] = i % 2;
      points[2 * i] = Math.cos(i) + 2 * labels[i];
      points[2 * i + 1] = Math.sin(3 * i);
    }
    const r = await adaptMethods.solveDecorrelate({
      jobId: 1,
      cloud: { points, weights: null, labels },
      transport: 'exact',
      epsilon: 0.05,
    });
    const h = r.histograms;
    const bins = h.edges.length - 1;
    expect(Array.from(h.classes)).toEqual([0, 1]);
    expect(h.direction[0]).toBeCloseTo(1, 1);
    for (const rows of [h.before, h.after]) {
      for (let k = 0; k < 2; k++) {
        const sum = rows.subarray(k * bins, (k + 1) * bins).reduce((t, v) => t + v, 0);
        expect(sum).toBeCloseTo(1, 12);
      }
    }
  });
});
