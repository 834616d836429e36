import { describe, expect, it } from 'vitest';
import { mapSentence, summarizeMap } from './mapSummary.ts';

// x = (0,0), (1,0), (2,0), (3,0), (4,0); T shifts every point up by i: |T(x_i) − x_i| = i.
const x = Float64Array.from([0, 0, 1, 0, 2, 0, 3, 0, 4, 0]);
const tx = Float64Array.from([0, 0, 1, 1, 2, 2, 3, 3, 4, 4]);

describe('summarizeMap', () => {
  it('computes the uniform mean and the largest displacement', () => {
    const s = summarizeMap(x, tx, null);
    expect(s.points).toBe(5);
    expect(s.meanDisplacement).toBeCloseTo(2, 12); // (0 + 1 + 2 + 3 + 4) / 5
    expect(s.maxDisplacement).toBeCloseTo(4, 12);
  });

  it('weights the mean by the source weights', () => {
    const a = Float64Array.from([0, 0, 0, 1, 3]); // (3·1 + 4·3) / 4 = 3.75
    expect(summarizeMap(x, tx, a).meanDisplacement).toBeCloseTo(3.75, 12);
  });

  it('samples evenly spaced points, first and last included', () => {
    const s = summarizeMap(x, tx, null, 3);
    expect(s.rows.map((r) => r.i)).toEqual([0, 2, 4]);
    expect(s.rows[1]).toEqual({ i: 2, x: [2, 0], tx: [2, 2], distance: 2 });
    expect(summarizeMap(x, tx, null, 1).rows.map((r) => r.i)).toEqual([0]);
    expect(summarizeMap(x, tx, null, 9).rows.map((r) => r.i)).toEqual([0, 1, 2, 3, 4]);
  });

  it('is empty when the map belongs to another cloud', () => {
    const s = summarizeMap(x, tx.subarray(0, 6), null);
    expect(s.points).toBe(0);
    expect(s.rows).toEqual([]);
  });
});

describe('mapSentence', () => {
  it('says the mean and largest displacement and W₂²', () => {
    expect(mapSentence(summarizeMap(x, tx, null), 'entropic', 6)).toBe(
      'The entropic map moves the 5 source points by 2 on average (at most 4); W₂² ≈ 6.',
    );
    expect(mapSentence(summarizeMap(x, tx, null), 'neural')).toBe(
      'The neural map moves the 5 source points by 2 on average (at most 4).',
    );
  });

  it('says when there is no map for the current points', () => {
    expect(mapSentence(summarizeMap(x, tx.subarray(0, 2), null), 'entropic')).toBe(
      'The entropic map is not computed for the current points yet.',
    );
  });
});
