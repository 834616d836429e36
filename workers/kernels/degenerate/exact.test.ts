/**
 * Degenerate inputs for exact OT (`exactOT`: network simplex and the assignment path, with the
 * dual post-processing of `exactDuals.ts`) on every case of `cases.ts`.
 *
 * Tolerances: marginals within 1e-14 per side (masses are sums of at most n + m weights of mass
 * 1); dual feasibility f_i + g_j <= C_ij within 1e-12 × max C (rounding of the potentials).
 */
import { describe, expect, it } from 'vitest';
import { solveAssignment } from '../exact/assignment.ts';
import { costMatrix } from '../cost.ts';
import { exactOT, type ExactResult } from '../exact/exact.ts';
import { CASES, expectAllFinite, getCase, SQUARE_CASES, unitWeights } from './cases.ts';

function marginalError(r: ExactResult, a: Float64Array, b: Float64Array): number {
  const ra = a.slice();
  const rb = b.slice();
  for (let k = 0; k < r.plan.mass.length; k++) {
    ra[r.plan.i[k]] -= r.plan.mass[k];
    rb[r.plan.j[k]] -= r.plan.mass[k];
  }
  return Math.max(...ra.map(Math.abs), ...rb.map(Math.abs));
}

function checkDuals(r: ExactResult, C: Float64Array, n: number, m: number): void {
  let cmax = 0;
  for (const c of C) cmax = Math.max(cmax, c);
  const slack = 1e-12 * Math.max(cmax, Number.MIN_VALUE);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) expect(r.f[i] + r.g[j]).toBeLessThanOrEqual(C[i * m + j] + slack);
  }
  for (let k = 0; k < r.plan.mass.length; k++) {
    const e = r.plan.i[k] * m + r.plan.j[k];
    if (r.plan.mass[k] > 0)
      expect(Math.abs(r.f[r.plan.i[k]] + r.g[r.plan.j[k]] - C[e])).toBeLessThanOrEqual(slack);
  }
}

describe.each(CASES)('exactOT on "$name"', (c) => {
  const n = c.x.length >> 1;
  const m = c.y.length >> 1;
  const a = unitWeights(c.a, n);
  const b = unitWeights(c.b, m);

  it.each(['sqeuclidean', 'euclidean'] as const)(
    '%s: optimal, finite, marginals hold, duals feasible',
    (kind) => {
      const C = costMatrix(c.x, c.y, kind);
      const r = exactOT(a, b, C);
      expectAllFinite(r);
      expect(r.status).toBe('optimal');
      expect(marginalError(r, a, b)).toBeLessThan(1e-14);
      for (const mass of r.plan.mass) expect(mass).toBeGreaterThanOrEqual(0);
      checkDuals(r, C, n, m);
      // Zero-weight points carry no mass.
      for (let k = 0; k < r.plan.mass.length; k++) {
        if (a[r.plan.i[k]] === 0 || b[r.plan.j[k]] === 0) expect(r.plan.mass[k]).toBe(0);
      }
      if (c.identical || (c.sourceCollapsed && c.targetCollapsed && C.every((v) => v === 0))) {
        expect(r.cost).toBe(0);
      }
    },
  );

  it('an iteration cap of 0 or 1 still gives a feasible, finite plan, reported as not optimal', () => {
    const C = costMatrix(c.x, c.y, 'sqeuclidean');
    for (const cap of [0, 1]) {
      const r = exactOT(a, b, C, { maxIterations: cap });
      expectAllFinite(r);
      expect(marginalError(r, a, b)).toBeLessThan(1e-14);
      expect(r.iterations).toBeLessThanOrEqual(cap);
      if (r.status === 'optimal') expect(r.cost).toBeCloseTo(exactOT(a, b, C).cost, 12);
    }
  });
});

describe.each(SQUARE_CASES.filter((c) => !c.a && !c.b))('exact assignment path on "$name"', (c) => {
  const n = c.x.length >> 1;
  const w = new Float64Array(n).fill(1 / n);
  const C = costMatrix(c.x, c.y, 'sqeuclidean');

  it('agrees with the network simplex; a permutation; finite duals', () => {
    const r = exactOT(w, w, C, { method: 'assignment' });
    expectAllFinite(r);
    expect(r.method).toBe('assignment');
    expect(r.status).toBe('optimal');
    expect(new Set(r.plan.j).size).toBe(n);
    const ref = exactOT(w, w, C).cost;
    expect(Math.abs(r.cost - ref)).toBeLessThanOrEqual(1e-14 * Math.max(1, ref));
    checkDuals(r, C, n, n);
  });

  it('capped at 0 augmenting paths: still a permutation, finite', () => {
    const r = solveAssignment(C, n, 0);
    expectAllFinite(r);
    expect(new Set(r.rowToCol).size).toBe(n);
  });
});

describe('exactOT: scale laws and bad weights', () => {
  const base = getCase('base');
  const n = base.x.length >> 1;
  const m = base.y.length >> 1;
  const a = unitWeights(null, n);
  const b = unitWeights(null, m);
  const ref = exactOT(a, b, costMatrix(base.x, base.y, 'sqeuclidean'));

  it.each([1e6, 1e-9])('cost at scale %s is scale² × the base cost (relative 1e-9), same plan', (s) => {
    const c = CASES.find((k) => k.scale === s)!;
    const r = exactOT(a, b, costMatrix(c.x, c.y, 'sqeuclidean'));
    expect(Math.abs(r.cost / (s * s) - ref.cost)).toBeLessThan(1e-9 * ref.cost);
    expect(Array.from(r.plan.mass)).toEqual(Array.from(ref.plan.mass));
    for (let i = 0; i < n; i++) expect(Math.abs(r.f[i] / (s * s) - ref.f[i])).toBeLessThan(1e-9 * ref.cost);
  });

  it.each([1e6, 1e-9])('the assignment path at scale %s: the base optimum × scale² (relative 1e-9)', (s) => {
    const x = base.x.subarray(0, 14);
    const y = base.y;
    const w = unitWeights(null, 7);
    const r0 = exactOT(w, w, costMatrix(x, y, 'sqeuclidean'), { method: 'assignment' });
    const r1 = exactOT(
      w,
      w,
      costMatrix(
        x.map((v) => v * s),
        y.map((v) => v * s),
        'sqeuclidean',
      ),
      {
        method: 'assignment',
      },
    );
    expect(Math.abs(r1.cost / (s * s) - r0.cost)).toBeLessThan(1e-9 * r0.cost);
    expect(Array.from(r1.plan.j)).toEqual(Array.from(r0.plan.j));
  });

  it('clouds far from the origin: the same cost as the base clouds (relative 1e-9)', () => {
    const c = getCase('clouds far from the origin (1e6)');
    const r = exactOT(a, b, costMatrix(c.x, c.y, 'sqeuclidean'));
    expect(Math.abs(r.cost - ref.cost)).toBeLessThan(1e-9 * ref.cost);
  });

  it('all-zero, negative or NaN weights, unequal masses and NaN costs are errors naming them', () => {
    const C = costMatrix(base.x, base.y, 'sqeuclidean');
    expect(() => exactOT(new Float64Array(n), b, C)).toThrow(/mass/);
    expect(() => exactOT(a, new Float64Array(m), C)).toThrow(/mass/);
    expect(() =>
      exactOT(
        a.map((v, k) => (k === 2 ? -v : v)),
        b,
        C,
      ),
    ).toThrow(/weight/);
    expect(() =>
      exactOT(
        a.map((v, k) => (k === 2 ? NaN : v)),
        b,
        C,
      ),
    ).toThrow(/weight/);
    expect(() =>
      exactOT(
        a,
        b.map((v) => 2 * v),
        C,
      ),
    ).toThrow(/mass/);
    expect(() =>
      exactOT(
        a,
        b,
        C.map((v, k) => (k === 5 ? NaN : v)),
      ),
    ).toThrow(/finite/);
    expect(() => exactOT(new Float64Array(0), new Float64Array(0), new Float64Array(0))).toThrow(/empty/);
    const huge = Float64Array.of(1e308, 1e308);
    expect(() => exactOT(huge, huge, Float64Array.of(0, 1, 1, 0))).toThrow(/sums to ∞/);
  });
});
