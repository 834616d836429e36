/**
 * Degenerate inputs for the plan helpers (`plan.ts`), the plan picture (`planImage.ts`) and the
 * Hilbert order (`spatialOrder.ts`), on the exact and the Sinkhorn plans of every case of
 * `cases.ts`.
 *
 * Tolerances: marginals and the image's total mass within 1e-6 (the image is Float32); the
 * barycentric map of an exact plan between identical clouds is the identity within 1e-12 × scale.
 */
import { describe, expect, it } from 'vitest';
import { costMatrix } from '../cost.ts';
import { exactOT } from '../exact/exact.ts';
import {
  barycentricMap,
  planCost,
  planEntropy,
  planMarginalError,
  planMarginals,
  sparsifyPlan,
} from '../plan.ts';
import { planImage, planImageDense, principalOrder } from '../planImage.ts';
import { sinkhorn } from '../sinkhorn/sinkhorn.ts';
import { hilbertOrder } from '../spatialOrder.ts';
import { CASES, expectAllFinite, getCase, unitWeights } from './cases.ts';

const isPermutation = (p: Int32Array, n: number) =>
  p.length === n && new Set(p).size === n && p.every((k) => k >= 0 && k < n);

describe.each(CASES)('plan helpers on "$name"', (c) => {
  const n = c.x.length >> 1;
  const m = c.y.length >> 1;
  const a = unitWeights(c.a, n);
  const b = unitWeights(c.b, m);
  const C = costMatrix(c.x, c.y, 'sqeuclidean');
  const exact = exactOT(a, b, C).plan;
  const dense = new Float64Array(n * m);
  for (let k = 0; k < exact.mass.length; k++) dense[exact.i[k] * m + exact.j[k]] += exact.mass[k];
  let mean = 0;
  for (const v of C) mean += v / C.length;
  const entropic = sinkhorn(a, b, C, { epsilon: 0.1 * (mean || 1) }).plan;

  it('marginals, cost, entropy and the sparse form are finite; marginals hold (1e-6)', () => {
    for (const P of [dense, entropic]) {
      expectAllFinite(planMarginals(P, n, m));
      expect(planMarginalError(P, a, b)).toBeLessThan(1e-6);
      expect(Number.isFinite(planCost(P, C))).toBe(true);
      expect(planEntropy(P)).toBeGreaterThanOrEqual(0);
      expectAllFinite(sparsifyPlan(P, n, m, 1e-15));
    }
  });

  it('the barycentric map is finite on every row with mass, NaN (documented) only on empty rows', () => {
    for (const P of [dense, entropic]) {
      const T = barycentricMap(P, c.y, n, m);
      const { rows } = planMarginals(P, n, m);
      for (let i = 0; i < n; i++) {
        if (rows[i] > 0) expect(Number.isFinite(T[2 * i]) && Number.isFinite(T[2 * i + 1])).toBe(true);
        else expect(a[i]).toBe(0);
      }
    }
    if (c.identical) {
      const T = barycentricMap(dense, c.y, n, m);
      let size = 0;
      for (const v of c.x) size = Math.max(size, Math.abs(v));
      for (let e = 0; e < 2 * n; e++) expect(Math.abs(T[e] - c.x[e])).toBeLessThanOrEqual(1e-12 * size);
    }
  });

  it('plan images are finite, hold the plan’s mass, and fit any size down to 1×1', () => {
    for (const maxSize of [200, 3, 1]) {
      for (const img of [planImage(exact, c.x, m, maxSize), planImageDense(entropic, c.x, m, maxSize)]) {
        expectAllFinite(img);
        expect(img.rows).toBe(Math.min(n, maxSize));
        expect(img.cols).toBe(Math.min(m, maxSize));
        expect(Math.abs(img.cells.reduce((s, v) => s + v, 0) - 1)).toBeLessThan(1e-6);
        expect(img.max).toBeGreaterThan(0);
      }
    }
    expect(isPermutation(principalOrder(c.x), n)).toBe(true);
  });

  it('the Hilbert order is a permutation of either cloud', () => {
    expect(isPermutation(hilbertOrder(c.x), n)).toBe(true);
    expect(isPermutation(hilbertOrder(c.y), m)).toBe(true);
  });
});

describe('plan pictures of identical clouds', () => {
  it('an exact plan between identical clouds draws as the diagonal', () => {
    const c = getCase('source identical to target');
    const n = c.x.length >> 1;
    const w = unitWeights(null, n);
    const img = planImage(exactOT(w, w, costMatrix(c.x, c.y, 'sqeuclidean')).plan, c.x, n);
    for (let r = 0; r < n; r++) {
      for (let q = 0; q < n; q++) expect(img.cells[r * n + q] > 0).toBe(r === q);
    }
  });

  it('an empty cloud orders to nothing', () => {
    expect(hilbertOrder(new Float64Array(0)).length).toBe(0);
    expect(principalOrder(new Float64Array(0)).length).toBe(0);
  });
});
