import { describe, expect, it } from 'vitest';
import { sparsifyPlan } from '../plan.ts';
import { classColumnMasses, planPurity } from './diagnostics.ts';
import { maxAbsDiff } from './testKit.ts';

describe('planPurity', () => {
  // 3 sources (classes 0, 0, 1) × 2 targets.
  const classOf = Int32Array.of(0, 0, 1);

  it('is 1 when every target receives from one class only', () => {
    const P = Float64Array.of(0.2, 0, 0.1, 0, 0, 0.7);
    expect(planPurity(P, classOf, 2, 2)).toBe(1);
  });

  it('is the mass-weighted majority share, computed by hand', () => {
    // Target 0 receives 0.1 + 0.2 from class 0 and 0.1 from class 1 (majority 0.3 of 0.4);
    // target 1 receives 0.05 from class 0 and 0.55 from class 1 (majority 0.55 of 0.6).
    const P = Float64Array.of(0.1, 0.05, 0.2, 0, 0.1, 0.55);
    expect(planPurity(P, classOf, 2, 2)).toBeCloseTo((0.3 + 0.55) / 1, 15);
    const S = classColumnMasses(P, classOf, 2, 2);
    expect(maxAbsDiff(S, [0.3, 0.05, 0.1, 0.55])).toBeLessThan(1e-16);
  });

  it('of the independent coupling a bᵀ is the largest class mass', () => {
    const a = Float64Array.of(0.1, 0.3, 0.6);
    const b = Float64Array.of(0.25, 0.75);
    const P = Float64Array.from({ length: 6 }, (_, k) => a[k >> 1] * b[k & 1]);
    expect(planPurity(P, classOf, 2, 2)).toBeCloseTo(0.6, 15);
  });

  it('takes sparse plans too, with the same value; NaN without mass', () => {
    const P = Float64Array.of(0.1, 0.05, 0.2, 0, 0.1, 0.55);
    expect(planPurity(sparsifyPlan(P, 3, 2, 1e-15), classOf, 2, 2)).toBe(planPurity(P, classOf, 2, 2));
    expect(planPurity(new Float64Array(6), classOf, 2, 2)).toBeNaN();
  });
});
