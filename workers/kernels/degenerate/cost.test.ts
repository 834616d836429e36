/**
 * Degenerate inputs for the cost kernels: `costMatrix`, `normalizeWeights`, `balancedProblem` and
 * `costStats` on every case of `cases.ts`.
 */
import { describe, expect, it } from 'vitest';
import { costMatrix, normalizeWeights } from '../cost.ts';
import { costStats } from '../costStats.ts';
import { balancedProblem } from '../problem.ts';
import { CASES, expectAllFinite, getCase } from './cases.ts';

describe.each(CASES)('cost kernels on "$name"', (c) => {
  const n = c.x.length >> 1;
  const m = c.y.length >> 1;

  it('cost matrices are finite and >= 0; zero exactly where points coincide', () => {
    for (const kind of ['sqeuclidean', 'euclidean'] as const) {
      const C = costMatrix(c.x, c.y, kind);
      expect(C.length).toBe(n * m);
      expect(expectAllFinite(C)).toBe(n * m);
      for (let i = 0; i < n; i++) {
        for (let j = 0; j < m; j++) {
          const same = c.x[2 * i] === c.y[2 * j] && c.x[2 * i + 1] === c.y[2 * j + 1];
          expect(C[i * m + j]).toBeGreaterThanOrEqual(0);
          if (same) expect(C[i * m + j]).toBe(0);
          else expect(C[i * m + j]).toBeGreaterThan(0);
        }
      }
    }
  });

  it('the balanced problem has finite weights of mass 1 (within 1e-15) and finite costs', () => {
    const p = balancedProblem(c.x, c.y, c.a, c.b, 'sqeuclidean');
    expectAllFinite(p);
    expect(Math.abs(p.a.reduce((s, v) => s + v, 0) - 1)).toBeLessThan(1e-15);
    expect(Math.abs(p.b.reduce((s, v) => s + v, 0) - 1)).toBeLessThan(1e-15);
  });

  it('cost statistics are finite; the histogram counts every pair', () => {
    const s = costStats(c.x, c.y, 'sqeuclidean', 8);
    expectAllFinite(s);
    expect(s.pairs).toBe(n * m);
    expect(s.histogram.reduce((t, v) => t + v, 0)).toBe(n * m);
    expect(s.min).toBeLessThanOrEqual(s.mean);
    expect(s.mean).toBeLessThanOrEqual(s.max * (1 + 1e-15));
  });
});

describe('cost kernels: scale laws and exact zeros', () => {
  const base = getCase('base');
  it.each([1e6, 1e-9])('squared costs at scale %s are scale² × the base costs (relative 1e-12)', (s) => {
    const c = CASES.find((k) => k.scale === s)!;
    const C0 = costMatrix(base.x, base.y, 'sqeuclidean');
    const C1 = costMatrix(c.x, c.y, 'sqeuclidean');
    for (let e = 0; e < C0.length; e++) expect(Math.abs(C1[e] / (s * s) - C0[e])).toBeLessThan(1e-12 * C0[e]);
    const E0 = costMatrix(base.x, base.y, 'euclidean');
    const E1 = costMatrix(c.x, c.y, 'euclidean');
    for (let e = 0; e < E0.length; e++) expect(Math.abs(E1[e] / s - E0[e])).toBeLessThan(1e-12 * E0[e]);
  });

  it('clouds far from the origin keep their unit-scale costs (relative 1e-9)', () => {
    const far = getCase('clouds far from the origin (1e6)');
    const C0 = costMatrix(base.x, base.y, 'sqeuclidean');
    const C1 = costMatrix(far.x, far.y, 'sqeuclidean');
    for (let e = 0; e < C0.length; e++) expect(Math.abs(C1[e] - C0[e])).toBeLessThan(1e-9 * C0[e]);
  });

  it('identical clouds have a zero diagonal; a zero cost matrix has statistics all 0', () => {
    const c = getCase('source identical to target');
    const n = c.x.length >> 1;
    const C = costMatrix(c.x, c.y, 'sqeuclidean');
    for (let i = 0; i < n; i++) expect(C[i * n + i]).toBe(0);
    const z = getCase('all points equal (zero cost)');
    const s = costStats(z.x, z.y, 'euclidean', 4);
    expect([s.mean, s.min, s.max]).toEqual([0, 0, 0]);
    expect(Array.from(s.histogram)).toEqual([20, 0, 0, 0]);
  });
});

describe('normalizeWeights on bad weights', () => {
  it('all-zero weights are an error naming the weights (not NaN weights)', () => {
    expect(() => normalizeWeights(new Float64Array(3), 3)).toThrow(/weights/i);
    expect(() =>
      balancedProblem(getCase('base').x, getCase('base').y, new Float64Array(9), null, 'sqeuclidean'),
    ).toThrow(/weights/i);
  });

  it('negative, NaN or infinite weights, or a wrong length, are errors naming the weights', () => {
    expect(() => normalizeWeights(Float64Array.of(1, -1, 1), 3)).toThrow(/weight/i);
    expect(() => normalizeWeights(Float64Array.of(1, NaN, 1), 3)).toThrow(/weight/i);
    expect(() => normalizeWeights(Float64Array.of(1, Infinity, 1), 3)).toThrow(/weight/i);
    expect(() => normalizeWeights(Float64Array.of(1, 1), 3)).toThrow(/weights/i);
  });

  it('some zero weights stay exactly zero', () => {
    expect(Array.from(normalizeWeights(Float64Array.of(0, 2, 0, 2), 4))).toEqual([0, 0.5, 0, 0.5]);
  });
});
