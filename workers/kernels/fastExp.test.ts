import { describe, expect, it } from 'vitest';
import { expFast } from './fastExp.ts';

describe('expFast', () => {
  it('is within 1e-15 relative of Math.exp on a dense sweep of (−700, 700)', () => {
    let worst = 0;
    for (let k = -1_400_000; k <= 1_400_000; k++) {
      const z = k / 2000 + 1e-7 * Math.sin(k);
      worst = Math.max(worst, Math.abs(expFast(z) / Math.exp(z) - 1));
    }
    expect(worst).toBeLessThan(1e-15);
    expect(expFast(0)).toBe(1);
  });

  it('is Math.exp outside the tables: 0, ∞, NaN and the extremes', () => {
    for (const z of [-Infinity, -800, -700, 700, 709, 710, Infinity, NaN]) {
      expect(Object.is(expFast(z), Math.exp(z))).toBe(true);
    }
  });
});
