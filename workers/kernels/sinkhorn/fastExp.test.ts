import { describe, expect, it } from 'vitest';
import { expFast } from './fastExp.ts';

describe('expFast', () => {
  it('is within 1e-15 relative of Math.exp on normal results over (−708, 709) (dense sweep)', () => {
    let worst = 0;
    for (let k = -1_416_000; k <= 1_418_000; k++) {
      const z = k / 2000 + 1e-7 * Math.sin(k);
      worst = Math.max(worst, Math.abs(expFast(z) / Math.exp(z) - 1));
    }
    expect(worst).toBeLessThan(1e-15);
    expect(expFast(0)).toBe(1);
  });

  it('is within 2^−1073 absolute of Math.exp where the result is subnormal', () => {
    let worst = 0;
    for (let k = 0; k <= 200_000; k++) {
      const z = -708.5 - 37 * (k / 200_000);
      worst = Math.max(worst, Math.abs(expFast(z) - Math.exp(z)));
    }
    expect(worst).toBeLessThanOrEqual(2 ** -1073);
  });

  it('is 0 below −745.2 (as Math.exp rounds to), and Math.exp from 709 up and for NaN', () => {
    for (const z of [-Infinity, -1e6, -800, -745.3]) expect(expFast(z)).toBe(0);
    for (const z of [709, 709.7, 710, 1e6, Infinity, NaN])
      expect(Object.is(expFast(z), Math.exp(z))).toBe(true);
  });
});
