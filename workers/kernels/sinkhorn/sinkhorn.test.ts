import { describe, it, expect } from 'vitest';
import { randomLcg, randomNormal } from 'd3-random';
import { sinkhorn, sinkhornSteps, type SinkhornOptions, type SinkhornResult } from './sinkhorn.ts';
import { costMatrix, normalizeWeights } from '../cost.ts';
import { barycentricMap, planCost, planEntropy, planMarginalError } from '../plan.ts';
import { hilbertOrder } from '../spatialOrder.ts';
import ref00 from '../fixtures/sinkhorn_00_gauss_eps1.0.json';
import ref01 from '../fixtures/sinkhorn_01_gauss_eps0.1.json';
import ref02 from '../fixtures/sinkhorn_02_uniform_eps0.05.json';
import ref03 from '../fixtures/sinkhorn_03_ring_eps0.01.json';
import exact00 from '../fixtures/exact_00_gauss_40x40.json';

interface Cloud {
  points: number[][];
  weights?: number[];
}
interface Case {
  x: Float64Array;
  y: Float64Array;
  a: Float64Array;
  b: Float64Array;
  C: Float64Array;
  n: number;
  m: number;
}

function problem(source: Cloud, target: Cloud, shift = 0): Case {
  const x = Float64Array.from(source.points.flat(), (v) => v + shift);
  const y = Float64Array.from(target.points.flat(), (v) => v + shift);
  const n = source.points.length;
  const m = target.points.length;
  const a = normalizeWeights(source.weights ? Float64Array.from(source.weights) : null, n);
  const b = normalizeWeights(target.weights ? Float64Array.from(target.weights) : null, m);
  return { x, y, a, b, C: costMatrix(x, y, 'sqeuclidean'), n, m };
}

function solve(p: Case, options: SinkhornOptions): SinkhornResult {
  return sinkhorn(p.a, p.b, p.C, {
    sourceOrder: hilbertOrder(p.x),
    targetOrder: hilbertOrder(p.y),
    ...options,
  });
}

function maxAbsDiff(p: ArrayLike<number>, q: ArrayLike<number>): number {
  expect(p.length).toBe(q.length);
  let d = 0;
  for (let k = 0; k < p.length; k++) d = Math.max(d, Math.abs(p[k] - q[k]));
  return d;
}

function randomCloud(rand: () => number, n: number, cx = 0, cy = 0): number[][] {
  const normal = randomNormal.source(rand)();
  return Array.from({ length: n }, () => [cx + normal(), cy + normal()]);
}

const references = [ref00, ref01, ref02, ref03];

describe('sinkhorn: POT reference cases', () => {
  for (const ref of references) {
    const { scenario, expect: want, tolerance } = ref;
    const p = problem(scenario.source, scenario.target);
    const eps = scenario.params.epsilon;

    it(`${ref.id}: cost, plan and barycentric map within the reference tolerances`, () => {
      const r = solve(p, { epsilon: eps, tolerance: 1e-12, maxIterations: 100_000 });
      expect(r.converged).toBe(true);
      expect(r.marginalError).toBeLessThan(1e-12);
      expect(Math.abs(r.cost - want.cost)).toBeLessThanOrEqual(tolerance.cost_rel * Math.abs(want.cost));
      expect(maxAbsDiff(r.plan, want.plan.flat())).toBeLessThanOrEqual(tolerance.plan_abs);
      const map = barycentricMap(r.plan, p.y, p.n, p.m);
      expect(maxAbsDiff(map, want.barycentric_map.flat())).toBeLessThanOrEqual(tolerance.map_abs);
      // The summary numbers describe the returned plan.
      expect(Math.abs(r.cost - planCost(r.plan, p.C))).toBeLessThanOrEqual(1e-12 * Math.abs(r.cost));
      expect(Math.abs(r.entropy - planEntropy(r.plan))).toBeLessThanOrEqual(1e-9 * Math.abs(r.entropy));
      expect(Math.abs(r.marginalError - planMarginalError(r.plan, p.a, p.b))).toBeLessThan(1e-14);
      // Potentials reproduce the plan: P_ij = a_i b_j exp((f_i + g_j − C_ij)/ε).
      let worst = 0;
      for (let i = 0; i < p.n; i++) {
        for (let j = 0; j < p.m; j++) {
          const q = p.a[i] * p.b[j] * Math.exp((r.f[i] + r.g[j] - p.C[i * p.m + j]) / eps);
          worst = Math.max(worst, Math.abs(q - r.plan[i * p.m + j]));
        }
      }
      expect(worst).toBeLessThan(1e-12);
    });

    it(`${ref.id}: every acceleration, with or without ε-scaling and order hints, gives the same plan`, () => {
      const base = solve(p, { epsilon: eps, tolerance: 1e-12, maxIterations: 100_000 });
      const variants: SinkhornOptions[] = [
        { epsilon: eps, acceleration: 'none', epsilonScaling: false },
        { epsilon: eps, acceleration: 'over-relaxation' },
        { epsilon: eps, acceleration: 'over-relaxation', omega: 1.5, epsilonScaling: false },
        { epsilon: eps, acceleration: 'anderson', epsilonScaling: false },
        { epsilon: eps, truncation: Infinity },
      ];
      for (const v of variants) {
        const r = solve(p, { ...v, tolerance: 1e-12, maxIterations: 200_000 });
        expect(r.converged).toBe(true);
        expect(maxAbsDiff(r.plan, base.plan)).toBeLessThan(1e-10);
      }
      const noHints = sinkhorn(p.a, p.b, p.C, { epsilon: eps, tolerance: 1e-12, maxIterations: 100_000 });
      expect(maxAbsDiff(noHints.plan, base.plan)).toBeLessThan(1e-10);
    });
  }

  it('the default tolerance (1e-6) already meets the marginal error it promises', () => {
    const p = problem(ref03.scenario.source, ref03.scenario.target);
    const r = solve(p, { epsilon: ref03.scenario.params.epsilon });
    expect(r.converged).toBe(true);
    expect(planMarginalError(r.plan, p.a, p.b)).toBeLessThan(1e-6);
    expect(r.errorHistory.length).toBe(r.iterations);
    expect(r.errorHistory[r.iterations - 1]).toBeLessThan(1e-6);
  });
});

describe('sinkhorn: invariants', () => {
  const rand = randomLcg(42);
  const p = problem(
    { points: randomCloud(rand, 35), weights: Array.from({ length: 35 }, () => 0.5 + rand()) },
    { points: randomCloud(rand, 28, 1.5, -0.5) },
  );
  const eps = 0.05;
  const opts = { epsilon: eps, tolerance: 1e-12, maxIterations: 100_000 };
  const base = solve(p, opts);

  it('converges with marginals within the tolerance', () => {
    expect(base.converged).toBe(true);
    expect(planMarginalError(base.plan, p.a, p.b)).toBeLessThan(1e-12);
  });

  it('the transposed problem gives the transposed plan and swapped potentials', () => {
    const CT = new Float64Array(p.m * p.n);
    for (let i = 0; i < p.n; i++) for (let j = 0; j < p.m; j++) CT[j * p.n + i] = p.C[i * p.m + j];
    const r = sinkhorn(p.b, p.a, CT, opts);
    let d = 0;
    for (let i = 0; i < p.n; i++) {
      for (let j = 0; j < p.m; j++) d = Math.max(d, Math.abs(r.plan[j * p.n + i] - base.plan[i * p.m + j]));
    }
    // Both solves stop at marginal error < 1e-12, so entries agree to about that.
    expect(d).toBeLessThan(1e-12);
    expect(Math.abs(r.cost - base.cost)).toBeLessThan(1e-11);
    // Potentials are unique up to f + t, g − t.
    const t = r.g[0] - base.f[0];
    expect(
      maxAbsDiff(
        r.g,
        base.f.map((v) => v + t),
      ),
    ).toBeLessThan(1e-9);
    expect(
      maxAbsDiff(
        r.f,
        base.g.map((v) => v - t),
      ),
    ).toBeLessThan(1e-9);
  });

  it('adding a constant to C keeps the plan', () => {
    const shifted = p.C.map((c) => c + 123.456);
    const r = sinkhorn(p.a, p.b, shifted, opts);
    expect(maxAbsDiff(r.plan, base.plan)).toBeLessThan(1e-12);
    expect(Math.abs(r.cost - base.cost - 123.456)).toBeLessThan(1e-9);
  });

  it('clouds near 1e6 give the plan of the clouds near 0 (costs from coordinate differences)', () => {
    const q = problem(
      { points: Array.from({ length: p.n }, (_, i) => [p.x[2 * i], p.x[2 * i + 1]]) },
      { points: Array.from({ length: p.m }, (_, j) => [p.y[2 * j], p.y[2 * j + 1]]) },
      1e6,
    );
    const r = solve({ ...q, a: p.a, b: p.b }, opts);
    // Coordinates near 1e6 carry ~1e-10 absolute rounding, so costs move by ~1e-10 too.
    expect(maxAbsDiff(r.plan, base.plan)).toBeLessThan(1e-8);
  });

  it('identical clouds at a small ε give a near-diagonal plan', () => {
    // A 6×5 grid, spacing 0.1: off-diagonal entries are at most about e^(−0.01/ε) relative.
    const pts = Array.from({ length: 30 }, (_, k) => [0.1 * (k % 6), 0.1 * Math.floor(k / 6)]);
    const q = problem({ points: pts }, { points: pts });
    const r = solve(q, { epsilon: 1e-3, tolerance: 1e-9, maxIterations: 100_000 });
    expect(r.converged).toBe(true);
    let diag = 0;
    for (let i = 0; i < q.n; i++) diag += r.plan[i * q.m + i];
    expect(diag).toBeGreaterThan(1 - 4 * Math.exp(-10));
    expect(r.cost).toBeLessThan(4 * Math.exp(-10) * 0.01);
  });

  it('zero weights: empty rows and columns, finite potentials, marginals met', () => {
    const a = p.a.slice();
    a[3] = 0;
    a[10] = 0;
    const b = p.b.slice();
    b[0] = 0;
    const r = solve({ ...p, a: normalizeWeights(a, p.n), b: normalizeWeights(b, p.m) }, opts);
    expect(r.converged).toBe(true);
    for (let j = 0; j < p.m; j++) expect(r.plan[3 * p.m + j]).toBe(0);
    for (let i = 0; i < p.n; i++) expect(r.plan[i * p.m]).toBe(0);
    expect(r.f.every(Number.isFinite) && r.g.every(Number.isFinite)).toBe(true);
    expect(planMarginalError(r.plan, normalizeWeights(a, p.n), normalizeWeights(b, p.m))).toBeLessThan(1e-12);
  });

  it('a warm start from a nearby problem converges in fewer iterations than a cold start', () => {
    const rand2 = randomLcg(3);
    const moved = Float64Array.from(p.x, (v) => v + 0.001 * (rand2() - 0.5));
    const C2 = costMatrix(moved, p.y, 'sqeuclidean');
    const o = { epsilon: eps, tolerance: 1e-6 };
    const cold = sinkhorn(p.a, p.b, C2, o);
    const warm = sinkhorn(p.a, p.b, C2, { ...o, warmStart: { f: base.f, g: base.g } });
    expect(cold.converged && warm.converged).toBe(true);
    expect(warm.iterations).toBeLessThan(cold.iterations / 2);
    expect(maxAbsDiff(warm.plan, cold.plan)).toBeLessThan(1e-6);
  });

  it('one source or one target: the plan is a or b spread over the other side', () => {
    const one = new Float64Array([1]);
    const r = sinkhorn(one, p.b, p.C.subarray(0, p.m), opts);
    expect(r.converged).toBe(true);
    expect(maxAbsDiff(r.plan, p.b)).toBeLessThan(1e-15);
    const col = Float64Array.from({ length: p.n }, (_, i) => p.C[i * p.m]);
    const s = sinkhorn(p.a, one, col, opts);
    expect(maxAbsDiff(s.plan, p.a)).toBeLessThan(1e-15);
  });

  it('a truncation level too low for the tolerance is raised, so the solve still converges', () => {
    const r = solve(p, { ...opts, tolerance: 1e-10, truncation: 10 });
    expect(r.converged).toBe(true);
    expect(maxAbsDiff(r.plan, base.plan)).toBeLessThan(1e-9);
  });

  it('stopping at maxIterations reports converged = false with finite numbers', () => {
    const r = solve(p, { epsilon: 0.005, tolerance: 1e-12, maxIterations: 3 });
    expect(r.converged).toBe(false);
    expect(r.stop).toBe('max-iterations');
    expect(r.iterations).toBe(3);
    expect(Number.isFinite(r.cost) && Number.isFinite(r.marginalError) && Number.isFinite(r.entropy)).toBe(
      true,
    );
    expect(r.marginalError).toBeGreaterThan(1e-12);
    expect(r.plan.every(Number.isFinite) && r.f.every(Number.isFinite) && r.g.every(Number.isFinite)).toBe(
      true,
    );
  });
});

describe('sinkhorn: tiny ε', () => {
  const p = problem(exact00.scenario.source, exact00.scenario.target);
  let mean = 0;
  for (const c of p.C) mean += c / p.C.length;
  const exactCost = exact00.expect.cost;

  it('ε = 1e-3 × mean cost: converged, within ε·log(nm) of the exact cost', () => {
    const eps = 1e-3 * mean;
    const r = solve(p, { epsilon: eps, tolerance: 1e-9, maxIterations: 100_000 });
    expect(r.converged).toBe(true);
    expect(planMarginalError(r.plan, p.a, p.b)).toBeLessThan(1e-9);
    // The entropic plan is feasible, so its cost is >= the exact one, and above it by at most
    // ε log(nm) (the entropy gap between the two plans).
    expect(r.cost).toBeGreaterThanOrEqual(exactCost - 1e-9);
    expect(r.cost - exactCost).toBeLessThanOrEqual(eps * Math.log(p.n * p.m));
  });

  // At ε = 1e-4 × mean cost every Sinkhorn variant crawls (the error decays like 1/k), so the
  // claim is stability: finite numbers all along, and a plan close to the exact optimum.
  for (const epsilonScaling of [true, false]) {
    it(`ε = 1e-4 × mean cost (ε-scaling ${epsilonScaling}): finite, marginals near, cost near exact`, () => {
      const eps = 1e-4 * mean;
      const r = solve(p, { epsilon: eps, tolerance: 1e-6, maxIterations: 20_000, epsilonScaling });
      expect(r.stop).not.toBe('non-finite');
      expect(r.plan.every(Number.isFinite) && r.f.every(Number.isFinite) && r.g.every(Number.isFinite)).toBe(
        true,
      );
      expect(r.marginalError).toBeLessThan(1e-4);
      // Plan cost vs the optimum: the entropy gap plus what the marginal error can move.
      let maxC = 0;
      for (const c of p.C) maxC = Math.max(maxC, c);
      expect(Math.abs(r.cost - exactCost)).toBeLessThanOrEqual(
        eps * Math.log(p.n * p.m) + r.marginalError * maxC,
      );
      expect(Math.abs(r.cost - exactCost)).toBeLessThan(1e-3 * exactCost);
    });
  }
});

describe('sinkhornSteps (generator)', () => {
  const p = problem(ref02.scenario.source, ref02.scenario.target);
  const opts = { epsilon: 0.05, tolerance: 1e-10, yieldEvery: 3 };

  it('yields every yieldEvery iterations with a usable plan and potentials, then returns the result', () => {
    const gen = sinkhornSteps(p.a, p.b, p.C, opts);
    const seen: number[] = [];
    let result: SinkhornResult | undefined;
    for (;;) {
      const step = gen.next();
      if (step.done) {
        result = step.value;
        break;
      }
      const prog = step.value;
      seen.push(prog.iteration);
      expect(prog.f.length).toBe(p.n);
      expect(prog.g.length).toBe(p.m);
      const P = prog.plan();
      expect(P.length).toBe(p.n * p.m);
      expect(P.every(Number.isFinite)).toBe(true);
      // The plan is the one the potentials describe (at the stage's ε).
      const q = p.a[0] * p.b[0] * Math.exp((prog.f[0] + prog.g[0] - p.C[0]) / prog.epsilon);
      expect(Math.abs(q - P[0])).toBeLessThanOrEqual(1e-12 + 1e-9 * q);
      const entries = prog.entries(1e-6);
      for (let k = 0; k < entries.mass.length; k++) {
        expect(entries.mass[k]).toBe(P[entries.i[k] * p.m + entries.j[k]]);
      }
    }
    expect(seen.length).toBeGreaterThan(0);
    // Multiples of yieldEvery, increasing (an iteration that ends an ε stage does not yield).
    seen.forEach((it, k) => {
      expect(it % 3).toBe(0);
      if (k > 0) expect(it).toBeGreaterThan(seen[k - 1]);
    });
    expect(seen[seen.length - 1]).toBeGreaterThan(result.iterations - 6);
    const plain = sinkhorn(p.a, p.b, p.C, opts);
    expect(result.iterations).toBe(plain.iterations);
    expect(maxAbsDiff(result.plan, plain.plan)).toBe(0);
  });
});

describe('sinkhorn: input checks', () => {
  const a = new Float64Array([0.5, 0.5]);
  const C = new Float64Array([0, 1, 1, 0]);
  const bad: [string, () => unknown][] = [
    ['C length', () => sinkhorn(a, a, new Float64Array(3), { epsilon: 1 })],
    ['unequal masses', () => sinkhorn(a, new Float64Array([0.5, 0.6]), C, { epsilon: 1 })],
    ['negative weight', () => sinkhorn(new Float64Array([1.5, -0.5]), a, C, { epsilon: 1 })],
    ['epsilon 0', () => sinkhorn(a, a, C, { epsilon: 0 })],
    ['non-finite cost', () => sinkhorn(a, a, new Float64Array([0, NaN, 1, 0]), { epsilon: 1 })],
    ['omega 2', () => sinkhorn(a, a, C, { epsilon: 1, acceleration: 'over-relaxation', omega: 2 })],
    ['bad order', () => sinkhorn(a, a, C, { epsilon: 1, sourceOrder: new Int32Array([0, 0]) })],
    [
      'warm start length',
      () => sinkhorn(a, a, C, { epsilon: 1, warmStart: { f: a, g: new Float64Array(1) } }),
    ],
  ];
  for (const [name, call] of bad) it(`rejects ${name}`, () => expect(call).toThrow(RangeError));
});
