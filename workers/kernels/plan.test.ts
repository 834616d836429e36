import { describe, it, expect } from 'vitest';
import {
  barycentricMap,
  densePlan,
  planCost,
  planEntropy,
  planMarginalError,
  planMarginals,
  sparsifyPlan,
} from './plan.ts';

// 2×3 plan with total mass 1.
const P = new Float64Array([0.1, 0.2, 0, 0.3, 0, 0.4]);
const n = 2;
const m = 3;

describe('plan helpers', () => {
  it('marginals and their L1 error', () => {
    const { rows, cols } = planMarginals(P, n, m);
    expect(Array.from(rows)).toEqual([0.30000000000000004, 0.7]);
    expect(Array.from(cols)).toEqual([0.4, 0.2, 0.4]);
    const a = new Float64Array([0.3, 0.7]);
    const b = new Float64Array([0.5, 0.1, 0.4]);
    expect(planMarginalError(P, a, b)).toBeCloseTo(0.2, 15);
  });

  it('cost and entropy', () => {
    const C = new Float64Array([1, 2, 3, 4, 5, 6]);
    expect(planCost(P, C)).toBeCloseTo(0.1 + 0.4 + 1.2 + 2.4, 14);
    const h = -(0.1 * Math.log(0.1) + 0.2 * Math.log(0.2) + 0.3 * Math.log(0.3) + 0.4 * Math.log(0.4));
    expect(planEntropy(P)).toBeCloseTo(h, 14);
  });

  it('cost ignores zero entries even where the cost is infinite', () => {
    const C = new Float64Array([1, 2, Infinity, 4, Infinity, 6]);
    expect(planCost(P, C)).toBeCloseTo(0.1 + 0.4 + 1.2 + 2.4, 14);
  });

  it('barycentric map: mass-weighted mean of the targets, NaN for an empty row', () => {
    const y = new Float64Array([0, 0, 1, 0, 0, 1]);
    const map = barycentricMap(P, y, n, m);
    expect(map[0]).toBeCloseTo(0.2 / 0.3, 14);
    expect(map[1]).toBeCloseTo(0, 14);
    expect(map[2]).toBeCloseTo(0, 14);
    expect(map[3]).toBeCloseTo(0.4 / 0.7, 14);
    const empty = barycentricMap(new Float64Array(6), y, n, m);
    expect(Number.isNaN(empty[0]) && Number.isNaN(empty[3])).toBe(true);
  });

  it('sparsify keeps the entries >= threshold, row-major', () => {
    const s = sparsifyPlan(P, n, m, 0.2);
    expect(Array.from(s.i)).toEqual([0, 1, 1]);
    expect(Array.from(s.j)).toEqual([1, 0, 2]);
    expect(Array.from(s.mass)).toEqual([0.2, 0.3, 0.4]);
    expect(sparsifyPlan(P, n, m, 1).mass.length).toBe(0);
  });

  it('densePlan inverts sparsify and adds repeated entries', () => {
    expect(Array.from(densePlan(sparsifyPlan(P, n, m, 1e-15), n, m))).toEqual(Array.from(P));
    const repeated = {
      i: Int32Array.of(1, 1, 0),
      j: Int32Array.of(2, 2, 0),
      mass: Float64Array.of(0.25, 0.5, 0.25),
    };
    expect(Array.from(densePlan(repeated, n, m))).toEqual([0.25, 0, 0, 0, 0, 0.75]);
  });
});
