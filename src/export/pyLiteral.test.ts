import { describe, expect, it } from 'vitest';
import { pyLiteral, pyNumber, pyPoints, pyVector } from './pyLiteral.ts';

describe('Python literals', () => {
  it('writes numbers in the shortest form that reads back to the same float64', () => {
    for (const x of [0.1, 1 / 3, 1e-7, -2.5e300, 5e-324, 123456789012345680000]) {
      expect(Number(pyNumber(x))).toBe(x);
    }
    expect(pyNumber(3)).toBe('3');
    expect(pyNumber(-0)).toBe('-0.0');
    expect(() => pyNumber(NaN)).toThrow(RangeError);
    expect(() => pyNumber(Infinity)).toThrow(RangeError);
  });

  it('writes None, booleans, strings, lists and dicts as Python does', () => {
    expect(pyLiteral({ a: null, b: true, c: false, d: [1, 'x'], e: 'say "hi"\n' })).toBe(
      '{"a": None, "b": True, "c": False, "d": [1, "x"], "e": "say \\"hi\\"\\n"}',
    );
  });

  it('writes points as an n×2 NumPy array, a few pairs per line', () => {
    expect(pyPoints(Float64Array.of(0, 1, 2, 3, 4, 5), 8, 2)).toBe(
      'np.array([\n        [0, 1], [2, 3],\n        [4, 5],\n    ], dtype=float)',
    );
    expect(pyPoints(new Float64Array(0))).toBe('np.zeros((0, 2))');
    expect(pyVector(Int32Array.of(1, 2), 'int')).toBe('np.array([1, 2], dtype=int)');
  });
});
