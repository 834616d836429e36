import { describe, expect, it } from 'vitest';
import { randomLcg, randomNormal } from 'd3-random';
import { unbalancedSinkhorn, unbalancedSteps } from './unbalanced.ts';
import { sinkhorn } from '../sinkhorn/sinkhorn.ts';
import { balancedProblem } from '../problem.ts';
import { expectReferencePlan, fixtureProblem, maxAbsDiff } from './unbalancedTestKit.ts';
import ub00 from '../fixtures/unbalanced_00_gauss_eps0.1_rho1.json';
import ub01 from '../fixtures/unbalanced_01_weighted_eps0.05_rho0.1.json';
import ub02 from '../fixtures/unbalanced_02_outliers_eps0.5_rho10.json';

function gaussians(n: number, m: number, seed: number) {
  const normal = randomNormal.source(randomLcg(seed))(0, 0.5);
  const x = Float64Array.from({ length: 2 * n }, (_, k) => normal() + (k % 2 ? 0 : -1));
  const y = Float64Array.from({ length: 2 * m }, (_, k) => normal() + (k % 2 ? 0.3 : 1));
  return { ...balancedProblem(x, y, null, null, 'sqeuclidean'), x, y };
}

describe('unbalanced Sinkhorn against POT 0.8.2', () => {
  for (const ref of [ub00, ub01, ub02]) {
    const { epsilon, rho } = ref.scenario.params;
    it(`${ref.id}: sinkhorn_unbalanced's plan to ${ref.tolerance.plan}`, () => {
      const p = fixtureProblem(ref.scenario);
      expectReferencePlan(
        p,
        (orders) => unbalancedSinkhorn(p.a, p.b, p.C, { epsilon, rho, tolerance: 1e-12, ...orders }),
        ref,
      );
    });
  }
});

describe('unbalanced Sinkhorn invariants', () => {
  const p = gaussians(40, 50, 7);

  it('ρ → ∞ gives the balanced Sinkhorn plan (ρ = 1e7: to 1e-6; ρ = Infinity: the same solver)', () => {
    const bal = sinkhorn(p.a, p.b, p.C, { epsilon: 0.1, tolerance: 1e-12 });
    const big = unbalancedSinkhorn(p.a, p.b, p.C, {
      epsilon: 0.1,
      rho: 1e7,
      tolerance: 1e-12,
      maxIterations: 100_000,
    });
    expect(maxAbsDiff(big.plan, bal.plan)).toBeLessThan(1e-6);
    expect(Math.abs(big.mass - 1)).toBeLessThan(1e-6);
    const inf = unbalancedSinkhorn(p.a, p.b, p.C, { epsilon: 0.1, rho: Infinity, tolerance: 1e-12 });
    expect(maxAbsDiff(inf.plan, bal.plan)).toBeLessThan(1e-12);
    expect(inf.converged).toBe(true);
  });

  it('the marginals and the reported masses agree; far clouds at small ρ lose mass', () => {
    for (const rho of [100, 1, 0.1, 0.01]) {
      const r = unbalancedSinkhorn(p.a, p.b, p.C, { epsilon: 0.05, rho });
      expect(r.converged).toBe(true);
      if (rho === 1) expect(r.mass).toBeLessThan(0.5);
      let rows = 0;
      for (const x of r.rowMass) rows += x;
      let cols = 0;
      for (const x of r.colMass) cols += x;
      expect(Math.abs(rows - r.mass)).toBeLessThan(1e-12);
      expect(Math.abs(cols - r.mass)).toBeLessThan(1e-9);
    }
  });

  it('stays finite at tiny and huge ε and ρ; the log domain takes over where scalings overflow', () => {
    for (const [epsilon, rho] of [
      [1e-9, 1],
      [1e-9, 1e-9],
      [1e6, 1],
      [0.05, 1e-12],
      [0.05, 1e12],
      [1e6, 1e6],
    ]) {
      const r = unbalancedSinkhorn(p.a, p.b, p.C, { epsilon, rho, maxIterations: 300 });
      expect(Number.isFinite(r.cost) && Number.isFinite(r.mass)).toBe(true);
      expect(r.plan.every((v) => v >= 0 && v < Infinity)).toBe(true);
      expect(r.stop).not.toBe('non-finite');
      // Tiny ε with tiny ρ: the first update underflows the scalings (exp of −1e7).
      expect(r.logDomain).toBe(rho === 1e-9);
    }
  });

  it('one point each side (closed form), and zero weights', () => {
    const one = unbalancedSinkhorn(Float64Array.of(1), Float64Array.of(1), Float64Array.of(0.4), {
      epsilon: 0.1,
      rho: 1,
    });
    // u = v = w with w = (K w)^−φ, so P = w K w = K^((1−φ)/(1+φ)).
    const phi = 1 / 1.1;
    const K = Math.exp(-0.4 / 0.1);
    expect(Math.abs(one.plan[0] / Math.pow(K, (1 - phi) / (1 + phi)) - 1)).toBeLessThan(1e-9);
    const a = Float64Array.of(0, 0.5, 0.5);
    const b = Float64Array.of(0.5, 0, 0.5);
    const C = Float64Array.of(0, 1, 2, 1, 0, 1, 2, 1, 0);
    const r = unbalancedSinkhorn(a, b, C, { epsilon: 0.1, rho: 1 });
    expect(r.rowMass[0]).toBe(0);
    expect(r.colMass[1]).toBe(0);
    expect(r.converged).toBe(true);
  });

  it('rejects bad options with a RangeError', () => {
    expect(() => unbalancedSinkhorn(p.a, p.b, p.C, { epsilon: 0, rho: 1 })).toThrow(RangeError);
    expect(() => unbalancedSinkhorn(p.a, p.b, p.C, { epsilon: 0.1, rho: 0 })).toThrow(/rho/);
    expect(() => unbalancedSinkhorn(p.a, p.b, p.C, { epsilon: 0.1, rho: NaN })).toThrow(/rho/);
  });

  it('the generator yields progress and returns the same result', () => {
    const it = unbalancedSteps(p.a, p.b, p.C, { epsilon: 0.01, rho: 1, yieldEvery: 5 });
    let yields = 0;
    for (;;) {
      const s = it.next();
      if (s.done) {
        expect(s.value.converged).toBe(true);
        break;
      }
      yields++;
    }
    expect(yields).toBeGreaterThan(0);
  });
});
