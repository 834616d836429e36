import { describe, expect, it } from 'vitest';
import { randomLcg } from 'd3-random';
import { barycenterCosts } from '../kernels/barycenter/costs.ts';
import { barycenterSteps, gridSupport } from './barycenterSolve.ts';
import type { BarycenterLive, BarycenterOptions } from './barycenterTypes.ts';

const rand = randomLcg(3);
const cloud = (dx: number, n: number) => ({
  points: Float64Array.from({ length: 2 * n }, (_, k) => (k % 2 ? 0 : dx) + rand()),
  weights: null,
});
const clouds = [cloud(0, 30), cloud(3, 25), cloud(6, 20)];
const base: BarycenterOptions = {
  lambdas: Float64Array.of(0.5, 0.3, 0.2),
  solver: 'grid',
  supportSize: 20,
  init: 'mixture',
  epsilon: 0.05,
  gridSize: 24,
  seed: 1,
  costs: true,
};

function drive(o: BarycenterOptions) {
  const states: BarycenterLive[] = [];
  const it = barycenterSteps(clouds, o);
  for (;;) {
    const r = it.next();
    if (r.done) return { states, result: r.value };
    states.push(r.value);
  }
}

describe('barycenterSteps: the exact costs', () => {
  for (const solver of ['grid', 'free-support'] as const) {
    it(`${solver}: one step per cloud, each showing the converged state; the same costs`, () => {
      const withCosts = drive({ ...base, solver });
      const without = drive({ ...base, solver, costs: false });
      expect(without.result.costs).toBeNull();
      expect(withCosts.states.length - without.states.length).toBe(clouds.length);
      for (const s of withCosts.states.slice(-clouds.length)) {
        expect(s.iteration).toBe(withCosts.result.iteration);
        expect(s.grid?.density ?? s.support).toEqual(
          withCosts.result.grid?.density ?? withCosts.result.support,
        );
      }
      const r = withCosts.result;
      const s = r.grid ? gridSupport(r.grid) : { support: r.support, weights: r.supportWeights };
      const want = barycenterCosts(s.support, s.weights, clouds, base.lambdas);
      expect(r.costs).toEqual(want.costs);
      expect(r.objective).toBe(want.objective);
    });
  }
});
