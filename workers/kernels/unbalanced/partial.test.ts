import { describe, expect, it } from 'vitest';
import { randomLcg, randomNormal } from 'd3-random';
import { partialExact } from './partial.ts';
import { partialEntropic } from './partialEntropic.ts';
import { exactOT } from '../exact/exact.ts';
import { balancedProblem } from '../problem.ts';
import { densePlan, planMarginals } from '../plan.ts';
import { expectReferencePlan, fixtureProblem } from './unbalancedTestKit.ts';
import ex00 from '../fixtures/partial_00_exact_gauss.json';
import ex01 from '../fixtures/partial_01_exact_weighted.json';
import en02 from '../fixtures/partial_02_entropic_eps0.1_m0.5.json';
import en03 from '../fixtures/partial_03_entropic_weighted_eps0.3_m0.7.json';

function gaussians(n: number, m: number, seed: number) {
  const normal = randomNormal.source(randomLcg(seed))(0, 0.5);
  const x = Float64Array.from({ length: 2 * n }, (_, k) => normal() + (k % 2 ? 0 : -1));
  const y = Float64Array.from({ length: 2 * m }, (_, k) => normal() + (k % 2 ? 0.3 : 1));
  return { ...balancedProblem(x, y, null, null, 'sqeuclidean'), x, y };
}

/** Σ, and the largest excess of each marginal over its weight. */
function check(plan: Float64Array, n: number, m: number, a: Float64Array, b: Float64Array) {
  const { rows, cols } = planMarginals(plan, n, m);
  let total = 0;
  let excess = 0;
  rows.forEach((r, i) => {
    total += r;
    excess = Math.max(excess, r - a[i]);
  });
  cols.forEach((c, j) => (excess = Math.max(excess, c - b[j])));
  return { total, excess };
}

describe('exact partial transport against POT 0.8.2', () => {
  for (const ref of [ex00, ex01]) {
    it(`${ref.id}: partial_wasserstein's costs to ${ref.tolerance.cost} at m = ${ref.expect.masses.join(', ')}`, () => {
      const p = fixtureProblem(ref.scenario);
      ref.expect.masses.forEach((mass, k) => {
        const r = partialExact(p.a, p.b, p.C, mass);
        expect(r.status).toBe('optimal');
        expect(Math.abs(r.cost - ref.expect.costs[k])).toBeLessThan(ref.tolerance.cost);
        const { total, excess } = check(densePlan(r.plan, p.n, p.m), p.n, p.m, p.a, p.b);
        expect(Math.abs(total - mass)).toBeLessThan(1e-12);
        expect(Math.abs(r.mass - mass)).toBeLessThan(1e-12);
        expect(excess).toBeLessThan(1e-15);
      });
    });
  }
});

describe('exact partial transport invariants', () => {
  const p = gaussians(30, 45, 11);

  it('m = 1 (everything) costs what exact OT costs; the cost grows with m', () => {
    expect(Math.abs(partialExact(p.a, p.b, p.C, 1).cost - exactOT(p.a, p.b, p.C).cost)).toBeLessThan(1e-12);
    let last = 0;
    for (const mass of [0.1, 0.3, 0.6, 0.9, 1]) {
      const c = partialExact(p.a, p.b, p.C, mass).cost;
      expect(c).toBeGreaterThan(last);
      last = c;
    }
  });

  it('refuses m outside (0, min total] naming the mass', () => {
    for (const mass of [0, -0.1, 1.01, NaN, Infinity]) {
      expect(() => partialExact(p.a, p.b, p.C, mass)).toThrow(/mass must be in \(0, 1\]/);
    }
  });

  it('one point each side; identical points (zero costs); zero weights', () => {
    const one = partialExact(Float64Array.of(1), Float64Array.of(1), Float64Array.of(2), 0.4);
    expect(one.cost).toBeCloseTo(0.8, 15);
    expect(one.mass).toBeCloseTo(0.4, 15);
    const zero = partialExact(Float64Array.of(0.5, 0.5), Float64Array.of(1), Float64Array.of(0, 0), 0.7);
    expect(zero.mass).toBeCloseTo(0.7, 15);
    const r = partialExact(Float64Array.of(0, 1), Float64Array.of(1, 0), Float64Array.of(0, 1, 2, 3), 0.5);
    expect(Array.from(r.plan.i)).toEqual([1]);
    expect(Array.from(r.plan.j)).toEqual([0]);
  });
});

describe('entropic partial transport against POT 0.8.2', () => {
  for (const ref of [en02, en03]) {
    it(`${ref.id}: entropic_partial_wasserstein's converged plan to ${ref.tolerance.plan}`, () => {
      const p = fixtureProblem(ref.scenario);
      const { mass, epsilon } = ref.scenario.params;
      expectReferencePlan(
        p,
        (orders) => partialEntropic(p.a, p.b, p.C, { mass, epsilon, tolerance: 1e-12, ...orders }),
        ref,
      );
    });
  }
});

describe('entropic partial transport invariants', () => {
  const p = gaussians(30, 45, 12);

  it('marginals stay below a and b, Σ P = m, and small ε approaches the exact partial cost', () => {
    for (const mass of [0.2, 0.6, 1]) {
      const r = partialEntropic(p.a, p.b, p.C, { mass, epsilon: 0.02, maxIterations: 50_000 });
      expect(r.converged).toBe(true);
      const { total, excess } = check(r.plan, p.n, p.m, p.a, p.b);
      expect(Math.abs(total - mass)).toBeLessThan(1e-12);
      expect(excess).toBeLessThan(1e-9);
      const exact = partialExact(p.a, p.b, p.C, mass).cost;
      expect(r.cost).toBeGreaterThanOrEqual(exact - 1e-9);
      expect(r.cost - exact).toBeLessThan(0.05);
    }
  });

  it('stays finite at tiny and huge ε; refuses a bad mass', () => {
    for (const epsilon of [1e-9, 1e6]) {
      const r = partialEntropic(p.a, p.b, p.C, { mass: 0.5, epsilon, maxIterations: 300 });
      expect(Number.isFinite(r.cost) && Number.isFinite(r.mass)).toBe(true);
      expect(r.plan.every((v) => v >= 0 && v < Infinity)).toBe(true);
    }
    expect(() => partialEntropic(p.a, p.b, p.C, { mass: 2, epsilon: 0.1 })).toThrow(/mass/);
    expect(() => partialEntropic(p.a, p.b, p.C, { mass: 0.5, epsilon: 0 })).toThrow(/epsilon/);
  });
});
