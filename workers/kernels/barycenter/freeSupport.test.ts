import { describe, expect, it } from 'vitest';
import { costMatrix } from '../cost.ts';
import { exactOT } from '../exact/exact.ts';
import { barycenterCosts } from './costs.ts';
import {
  freeSupportBarycenter,
  freeSupportBarycenterSteps,
  type FreeSupportProgress,
} from './freeSupport.ts';
import { INIT_JITTER, mixtureSupport } from './initialSupport.ts';
import { jointBox } from '../brenier/brenierGrid.ts';
import { cloudsOf, gaussianCloud, maxAbsDiff, sortedPoints, type FixtureScenario } from './testKit.ts';
import free3 from '../fixtures/barycenter_00_free3.json';
import free2 from '../fixtures/barycenter_01_free2.json';
import entropic3 from '../fixtures/barycenter_02_entropic3.json';

interface FreeParams {
  lambdas: number[];
  init: number[][];
  maxIterations: number;
  tolerance: number;
  epsilon?: number;
}

describe('free support against POT 0.8.2', () => {
  for (const ref of [free3, free2]) {
    it(`${ref.id}: ot.lp.free_support_barycenter's support to ${ref.tolerance.support_abs}, same iterations; costs by exact OT`, () => {
      const clouds = cloudsOf(ref.scenario as FixtureScenario);
      const p = ref.scenario.params as FreeParams;
      const r = freeSupportBarycenter(clouds, p.lambdas, {
        init: Float64Array.from(p.init.flat()),
        maxIterations: p.maxIterations,
        tolerance: p.tolerance,
      });
      expect(maxAbsDiff(r.support, ref.expect.support.flat())).toBeLessThan(ref.tolerance.support_abs);
      expect(r.iterations).toBe(ref.expect.iterations);
      expect(r.converged).toBe(true);
      expect(r.plansConverged).toBe(true);
      const c = barycenterCosts(r.support, r.supportWeights, clouds, p.lambdas);
      c.costs.forEach((v, k) =>
        expect(Math.abs(v / ref.expect.costs[k] - 1)).toBeLessThan(ref.tolerance.cost_rel),
      );
      expect(Math.abs(c.objective / ref.expect.objective - 1)).toBeLessThan(ref.tolerance.cost_rel);
    });
  }

  it(`${entropic3.id}: Sinkhorn plans at ε = 0.1 match the NumPy loop over sinkhorn_log to 1e-6`, () => {
    const clouds = cloudsOf(entropic3.scenario as FixtureScenario);
    const p = entropic3.scenario.params as FreeParams;
    const r = freeSupportBarycenter(clouds, p.lambdas, {
      init: Float64Array.from(p.init.flat()),
      maxIterations: p.maxIterations,
      tolerance: p.tolerance,
      entropic: { epsilon: p.epsilon!, tolerance: 1e-9 },
    });
    expect(r.iterations).toBe(entropic3.expect.iterations);
    expect(r.plansConverged).toBe(true);
    expect(maxAbsDiff(r.support, entropic3.expect.support.flat())).toBeLessThan(
      entropic3.tolerance.support_abs,
    );
  });
});

describe('free support invariants', () => {
  const x = gaussianCloud(1, 24, 0, 0, 1);
  const y = gaussianCloud(2, 24, 3, 1, 0.6);

  it("two uniform clouds, start at cloud 0, λ = (1−t, t): McCann's interpolation (1−t)x + t y_σ(i), σ from exactOT", () => {
    const plan = exactOT(
      new Float64Array(24).fill(1 / 24),
      new Float64Array(24).fill(1 / 24),
      costMatrix(x, y, 'sqeuclidean'),
    ).plan;
    const sigma = new Int32Array(24);
    for (let e = 0; e < plan.i.length; e++) sigma[plan.i[e]] = plan.j[e];
    expect(plan.i.length).toBe(24); // a permutation
    for (const t of [0, 0.2, 0.5, 0.9, 1]) {
      const r = freeSupportBarycenter([{ points: x }, { points: y }], [1 - t, t], { init: x });
      const mccann = x.map((v, e) => (1 - t) * v + t * y[2 * sigma[e >> 1] + (e & 1)]);
      expect(maxAbsDiff(r.support, mccann)).toBeLessThan(1e-9);
      expect(r.iterations).toBeLessThanOrEqual(2); // the interpolant is a fixed point
    }
  });

  it('λ = e_k gives cloud k as a set (uniform equal-size clouds), with cost_k = 0', () => {
    const z = gaussianCloud(3, 24, 1, 3, 0.8);
    const clouds = [{ points: x }, { points: y }, { points: z }];
    for (let k = 0; k < 3; k++) {
      const lambdas = [0, 0, 0].map((_, c) => (c === k ? 1 : 0));
      const r = freeSupportBarycenter(clouds, lambdas, { seed: 5 });
      const want = sortedPoints(clouds[k].points);
      sortedPoints(r.support).forEach((p, e) => expect(maxAbsDiff(p, want[e])).toBeLessThan(1e-12));
      const c = barycenterCosts(r.support, r.supportWeights, clouds, lambdas);
      expect(c.costs[k]).toBeLessThan(1e-24);
      expect(c.objective).toBe(c.costs[k]);
    }
  });

  it('the objective (exact W2², recomputed independently) never increases over the iterations', () => {
    const clouds = [
      {
        points: gaussianCloud(4, 40, 0, 0, 1),
        weights: Float64Array.from({ length: 40 }, (_, i) => 1 + (i % 5)),
      },
      { points: gaussianCloud(5, 55, 4, 0, 0.5) },
      { points: gaussianCloud(6, 30, 2, 3, 0.7) },
    ];
    const lambdas = [0.2, 0.5, 0.3];
    const steps = [
      ...iterate(freeSupportBarycenterSteps(clouds, lambdas, { size: 35, seed: 9, tolerance: 1e-12 })),
    ];
    expect(steps.length).toBeGreaterThan(2);
    let prev = Infinity;
    for (const s of steps) {
      const obj = barycenterCosts(s.support, s.supportWeights, clouds, lambdas).objective;
      expect(obj).toBeLessThanOrEqual(prev + 1e-12);
      // The loop's own objective of the previous support is the one just recomputed.
      if (prev < Infinity) expect(Math.abs(s.objectiveBefore - prev)).toBeLessThan(1e-12);
      prev = obj;
    }
  });

  it('translating every cloud translates the support (seeded start included); permuting the clouds with their λ changes nothing', () => {
    const clouds = [
      { points: x },
      { points: y, weights: Float64Array.from({ length: 24 }, (_, i) => 1 + i) },
    ];
    const base = freeSupportBarycenter(clouds, [0.4, 0.6], { size: 20, seed: 3 });
    const shift = (p: Float64Array) => p.map((v, e) => v + (e % 2 === 0 ? 1000 : -250));
    const moved = freeSupportBarycenter(
      clouds.map((c) => ({ ...c, points: shift(c.points) })),
      [0.4, 0.6],
      { size: 20, seed: 3 },
    );
    expect(maxAbsDiff(moved.support, shift(base.support))).toBeLessThan(1e-9);
    expect(moved.iterations).toBe(base.iterations);
    const init = base.support.map((v, e) => v + 0.1 * Math.sin(e));
    const a = freeSupportBarycenter(clouds, [0.4, 0.6], { init });
    const b = freeSupportBarycenter([clouds[1], clouds[0]], [0.6, 0.4], { init });
    expect(maxAbsDiff(a.support, b.support)).toBeLessThan(1e-12);
  });

  it('the seeded start draws points of the clouds picked by λ, moved by at most 1e-6 × the box side; reproducible', () => {
    const w = [new Float64Array(24).fill(1 / 24), new Float64Array(24).fill(1 / 24)];
    const draw = (seed: number, lambdas: number[]) =>
      mixtureSupport([x, y], w, Float64Array.from(lambdas), 40, seed);
    expect(maxAbsDiff(draw(4, [0.5, 0.5]), draw(4, [0.5, 0.5]))).toBe(0);
    expect(maxAbsDiff(draw(4, [0.5, 0.5]), draw(5, [0.5, 0.5]))).toBeGreaterThan(0.1);
    const [x0, y0, x1, y1] = jointBox(x, y);
    const s = INIT_JITTER * Math.max(x1 - x0, y1 - y0);
    const nearest = (p: Float64Array, px: number, py: number) => {
      let d = Infinity;
      for (let k = 0; k < p.length; k += 2)
        d = Math.min(d, Math.max(Math.abs(p[k] - px), Math.abs(p[k + 1] - py)));
      return d;
    };
    const only0 = draw(7, [1, 0]);
    for (let k = 0; k < only0.length; k += 2) {
      const d = nearest(x, only0[k], only0[k + 1]);
      expect(d).toBeLessThanOrEqual(s);
      expect(d).toBeGreaterThan(0); // jittered
    }
    const mixed = draw(8, [0.5, 0.5]);
    let fromY = 0;
    for (let k = 0; k < mixed.length; k += 2) if (nearest(y, mixed[k], mixed[k + 1]) <= s) fromY++;
    expect(fromY).toBeGreaterThan(8);
    expect(fromY).toBeLessThan(32);
  });

  it('the generator yields fresh copies; its last support with the weights is a valid result', () => {
    const gen = freeSupportBarycenterSteps([{ points: x }, { points: y }], [0.5, 0.5], { size: 10, seed: 2 });
    const a = gen.next().value as FreeSupportProgress;
    const snapshot = a.support.slice();
    gen.next();
    expect(maxAbsDiff(a.support, snapshot)).toBe(0);
    const c = barycenterCosts(a.support, a.supportWeights, [{ points: x }, { points: y }], [0.5, 0.5]);
    expect(Number.isFinite(c.objective)).toBe(true);
  });
});

function* iterate<T, R>(gen: Generator<T, R>): Generator<T> {
  for (;;) {
    const r = gen.next();
    if (r.done) return;
    yield r.value;
  }
}
