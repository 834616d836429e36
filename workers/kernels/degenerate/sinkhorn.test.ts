/**
 * Degenerate inputs for Sinkhorn (`sinkhorn.ts` and its parts: the tiled truncated kernel,
 * Anderson acceleration, over-relaxation with adaptive or fixed ω, ε-scaling, warm starts) on
 * every case of `cases.ts`.
 *
 * Tolerances: at an ordinary ε (0.1 × the mean cost) every path converges to an L1 marginal error
 * below 1e-7 (plain Sinkhorn on identical clouds needs ~7000 passes for it: it shrinks the error
 * by only 0.9992 a pass there), and the returned `marginalError` is the plan's own (recomputed within 1e-12). At a
 * tiny ε the solve may not converge within the cap: it must then say so (`converged` false, stop
 * `max-iterations`), never return NaN.
 */
import { describe, expect, it } from 'vitest';
import { costMatrix } from '../cost.ts';
import { planMarginalError } from '../plan.ts';
import {
  EPSILON_FLOOR,
  sinkhorn,
  sinkhornSteps,
  type SinkhornOptions,
  type SinkhornResult,
} from '../sinkhorn/sinkhorn.ts';
import { AndersonMixer } from '../sinkhorn/sinkhornAnderson.ts';
import { OmegaController } from '../sinkhorn/sinkhornOmega.ts';
import { hilbertOrder } from '../spatialOrder.ts';
import { randomLcg } from 'd3-random';
import { CASES, expectAllFinite, getCase, type DegenerateCase, unitWeights } from './cases.ts';

/** The problem of a case: normalised weights and the squared-Euclidean cost matrix. */
function problem(c: DegenerateCase) {
  const n = c.x.length >> 1;
  const m = c.y.length >> 1;
  const a = unitWeights(c.a, n);
  const b = unitWeights(c.b, m);
  const C = costMatrix(c.x, c.y, 'sqeuclidean');
  let mean = 0;
  for (const v of C) mean += v / C.length;
  // A zero cost matrix has no scale: any ε > 0 is as good as another.
  return { n, m, a, b, C, mean, scale: mean > 0 ? mean : 1 };
}

/** The solver's paths, by name. */
const PATHS: Record<string, (c: DegenerateCase) => Partial<SinkhornOptions>> = {
  'Anderson, ε-scaling, spatial tiles (default)': (c) => ({
    sourceOrder: hilbertOrder(c.x),
    targetOrder: hilbertOrder(c.y),
  }),
  'plain, no ε-scaling, no truncation': () => ({
    acceleration: 'none',
    epsilonScaling: false,
    truncation: Infinity,
  }),
  'adaptive over-relaxation': () => ({ acceleration: 'over-relaxation' }),
  'fixed ω = 1.8': () => ({ acceleration: 'over-relaxation', omega: 1.8 }),
  'Anderson memory 1, tight truncation': () => ({ andersonMemory: 1, truncation: 10 }),
};

/** Checks what every Sinkhorn result must satisfy, whatever ε and the cap. */
function checkSound(r: SinkhornResult, a: Float64Array, b: Float64Array): void {
  expectAllFinite(r);
  expect(r.stop).not.toBe('non-finite');
  expect(r.converged).toBe(r.stop === 'converged');
  expect(Math.abs(planMarginalError(r.plan, a, b) - r.marginalError)).toBeLessThan(1e-12);
  for (const p of r.plan) expect(p).toBeGreaterThanOrEqual(0);
  const m = b.length;
  for (let i = 0; i < a.length; i++) {
    for (let j = 0; j < m; j++) if (a[i] === 0 || b[j] === 0) expect(r.plan[i * m + j]).toBe(0);
  }
}

describe.each(CASES)('sinkhorn on "$name"', (c) => {
  const { n, m, a, b, C, scale } = problem(c);

  it.each(Object.keys(PATHS))('%s: ε = 0.1 × mean cost converges to 1e-7, finite', (path) => {
    const r = sinkhorn(a, b, C, { epsilon: 0.1 * scale, tolerance: 1e-7, ...PATHS[path](c) });
    checkSound(r, a, b);
    expect(r.converged).toBe(true);
    expect(r.marginalError).toBeLessThan(1e-7);
  });

  it('a warm start from the solution converges at once; a far-off warm start still converges', () => {
    const eps = 0.1 * scale;
    const cold = sinkhorn(a, b, C, { epsilon: eps, tolerance: 1e-9 });
    const warm = sinkhorn(a, b, C, { epsilon: eps, tolerance: 1e-9, warmStart: { f: cold.f, g: cold.g } });
    checkSound(warm, a, b);
    expect(warm.converged).toBe(true);
    expect(warm.iterations).toBeLessThanOrEqual(3);
    const far = sinkhorn(a, b, C, {
      epsilon: eps,
      tolerance: 1e-9,
      warmStart: {
        f: cold.f.map((v, i) => v + 1e3 * scale * (i % 3)),
        g: cold.g.map((v) => v - 1e3 * scale),
      },
    });
    checkSound(far, a, b);
    expect(far.converged).toBe(true);
  });

  it.each([
    ['1e-6 × mean cost', 1e-6],
    ['1e-12 absolute', 0],
  ])('tiny ε (%s): finite, and converged or reported as not converged', (_, rel) => {
    const eps = rel > 0 ? rel * scale : 1e-12;
    for (const path of Object.keys(PATHS)) {
      const r = sinkhorn(a, b, C, { epsilon: eps, maxIterations: 300, ...PATHS[path](c) });
      checkSound(r, a, b);
      if (!r.converged) expect(r.stop).toBe('max-iterations');
      else expect(r.marginalError).toBeLessThan(1e-6);
    }
  });

  it('huge ε (1e6 × mean cost): the plan is the product a bᵀ (relative 1e-5)', () => {
    const r = sinkhorn(a, b, C, { epsilon: 1e6 * scale });
    checkSound(r, a, b);
    expect(r.converged).toBe(true);
    for (let i = 0; i < n; i++) {
      for (let j = 0; j < m; j++)
        expect(Math.abs(r.plan[i * m + j] - a[i] * b[j])).toBeLessThanOrEqual(1e-5 * a[i] * b[j]);
    }
    let product = 0;
    for (let i = 0; i < n; i++) for (let j = 0; j < m; j++) product += a[i] * b[j] * C[i * m + j];
    expect(Math.abs(r.cost - product)).toBeLessThanOrEqual(1e-5 * product);
  });

  it('iteration caps 0 and 1: finite and not converged; a cap above the app maximum is harmless', () => {
    for (const cap of [0, 1]) {
      const r = sinkhorn(a, b, C, { epsilon: 0.01 * scale, tolerance: 1e-12, maxIterations: cap });
      checkSound(r, a, b);
      expect(r.iterations).toBe(cap);
    }
    const r = sinkhorn(a, b, C, { epsilon: 0.1 * scale, maxIterations: 1e8 });
    checkSound(r, a, b);
    expect(r.converged).toBe(true);
  });

  it('every yielded iterate is finite', () => {
    const it = sinkhornSteps(a, b, C, { epsilon: 1e-3 * scale, yieldEvery: 1, maxIterations: 60 });
    for (let s = it.next(); !s.done; s = it.next()) {
      expectAllFinite(s.value);
      expectAllFinite(s.value.plan());
      expectAllFinite(s.value.entries(0));
    }
  });
});

describe('sinkhorn: scale laws', () => {
  const base = problem(getCase('base'));
  const ref = sinkhorn(base.a, base.b, base.C, { epsilon: 0.05 * base.mean, tolerance: 1e-11 });

  it.each([1e6, 1e-9])('at scale %s with ε × scale², the same plan (1e-9) and potentials × scale²', (s) => {
    const p = problem(CASES.find((k) => k.scale === s)!);
    const r = sinkhorn(p.a, p.b, p.C, { epsilon: 0.05 * base.mean * s * s, tolerance: 1e-11 });
    expect(r.converged).toBe(true);
    for (let e = 0; e < ref.plan.length; e++) expect(Math.abs(r.plan[e] - ref.plan[e])).toBeLessThan(1e-9);
    expect(Math.abs(r.cost / (s * s) - ref.cost)).toBeLessThan(1e-8 * ref.cost);
    expect(Math.abs(r.entropy - ref.entropy)).toBeLessThan(1e-8);
  });

  it('clouds far from the origin: the same plan as the base clouds (1e-8)', () => {
    const p = problem(getCase('clouds far from the origin (1e6)'));
    const r = sinkhorn(p.a, p.b, p.C, { epsilon: 0.05 * base.mean, tolerance: 1e-11 });
    for (let e = 0; e < ref.plan.length; e++) expect(Math.abs(r.plan[e] - ref.plan[e])).toBeLessThan(1e-8);
  });
});

describe('sinkhorn: ε below the rounding of the costs', () => {
  it('is raised to EPSILON_FLOOR × max |C|, and the result says so; ε above it is kept', () => {
    const { a, b, C } = problem(getCase('coordinates near 1e12 (the limit)'));
    const max = C.reduce((s, v) => Math.max(s, v), 0);
    const options = { maxIterations: 50, epsilonScaling: false };
    const low = sinkhorn(a, b, C, { epsilon: 1e-12, ...options });
    checkSound(low, a, b);
    expect(low.epsilon).toBe(EPSILON_FLOOR * max);
    expect(low.stages).toEqual([{ epsilon: EPSILON_FLOOR * max, iterations: low.iterations }]);
    expect(sinkhorn(a, b, C, { epsilon: 1e-3 * max, ...options }).epsilon).toBe(1e-3 * max);
    // Stopped by the cap in an ε-scaling stage: the plan is that stage's, and `epsilon` says so.
    const early = sinkhorn(a, b, C, { epsilon: 1e-3 * max, maxIterations: 1 });
    expect(early.epsilon).toBe(early.stages.at(-1)!.epsilon);
    expect(early.epsilon).toBeGreaterThan(1e-3 * max);
  });

  it('random cases, scales (1e-9 to 1e11), ε (1e-12 to 1e6 absolute) and paths: never non-finite', () => {
    const rand = randomLcg(20261124);
    const paths = Object.values(PATHS);
    let runs = 0;
    while (runs < 400) {
      const c = CASES[Math.floor(rand() * CASES.length)];
      const s = 10 ** (-9 + 20 * rand());
      const x = c.x.map((v) => v * s);
      const y = c.y.map((v) => v * s);
      const epsilon = 10 ** (-12 + 18 * rand());
      const path = paths[Math.floor(rand() * paths.length)]({ ...c, x, y });
      const warm = rand() < 0.3;
      if (x.some((v) => !(Math.abs(v) <= 1e12)) || y.some((v) => !(Math.abs(v) <= 1e12))) continue;
      runs++;
      const a = unitWeights(c.a, x.length >> 1);
      const b = unitWeights(c.b, y.length >> 1);
      const C = costMatrix(x, y, rand() < 0.5 ? 'sqeuclidean' : 'euclidean');
      const warmStart = warm ? { f: new Float64Array(a.length), g: new Float64Array(b.length) } : undefined;
      const r = sinkhorn(a, b, C, { epsilon, maxIterations: 100, warmStart, ...path });
      try {
        checkSound(r, a, b);
      } catch (e) {
        throw new Error(`${c.name}, scale ${s}, ε ${epsilon}, ${JSON.stringify(path)}: ${String(e)}`);
      }
    }
  });
});

describe('sinkhorn: bad input is an error naming it', () => {
  const { a, b, C } = problem(getCase('base'));
  it.each([
    ['epsilon 0', { epsilon: 0 }, /epsilon/],
    ['epsilon NaN', { epsilon: NaN }, /epsilon/],
    ['epsilon ∞', { epsilon: Infinity }, /epsilon/],
    ['tolerance 0', { epsilon: 1, tolerance: 0 }, /tolerance/],
    ['maxIterations −1', { epsilon: 1, maxIterations: -1 }, /maxIterations/],
    ['maxIterations NaN', { epsilon: 1, maxIterations: NaN }, /maxIterations/],
    ['omega 2', { epsilon: 1, omega: 2 }, /omega/],
    ['andersonMemory 0', { epsilon: 1, andersonMemory: 0 }, /andersonMemory/],
    ['truncation 1', { epsilon: 1, truncation: 1 }, /truncation/],
  ] as [string, SinkhornOptions, RegExp][])('%s', (_, options, pattern) => {
    expect(() => sinkhorn(a, b, C, options)).toThrow(pattern);
  });

  it('all-zero, NaN or overflowing weights, NaN costs and non-finite warm starts', () => {
    expect(() => sinkhorn(new Float64Array(a.length), b, C, { epsilon: 1 })).toThrow(/positive sum/);
    const huge = Float64Array.of(1e308, 1e308);
    expect(() => sinkhorn(huge, huge, Float64Array.of(0, 1, 1, 0), { epsilon: 1 })).toThrow(/sums to ∞/);
    expect(() =>
      sinkhorn(
        a.map(() => NaN),
        b,
        C,
        { epsilon: 1 },
      ),
    ).toThrow(/finite/);
    expect(() =>
      sinkhorn(
        a,
        b,
        C.map((v, k) => (k === 3 ? NaN : v)),
        { epsilon: 1 },
      ),
    ).toThrow(/C must be finite/);
    const warmStart = { f: new Float64Array(a.length).fill(Infinity), g: new Float64Array(b.length) };
    expect(() => sinkhorn(a, b, C, { epsilon: 1, warmStart })).toThrow(/warmStart/);
  });
});

describe('Sinkhorn accelerators on degenerate sequences', () => {
  it('Anderson at a fixed point (zero residuals) returns the point, finite', () => {
    const mixer = new AndersonMixer(3, 5);
    const x = Float64Array.of(1, -2, 0.5);
    const out = new Float64Array(3);
    for (let k = 0; k < 8; k++) {
      mixer.step(x, x, out);
      for (let d = 0; d < 3; d++) expect(Math.abs(out[d] - x[d])).toBeLessThan(1e-15);
    }
  });

  it('the ω controller stays in [1, 2) on errors of 0, NaN, ∞ and growth', () => {
    const ctrl = new OmegaController();
    const errs = [1, 0.5, 0.25, 0, 0, NaN, Infinity, 1e300, 1e-300, 0, 1, 0.9, 0.8, 0.7, 0.6, 0.5];
    for (let k = 0; k < 60; k++) {
      const w = ctrl.next(errs[k % errs.length]);
      expect(w).toBeGreaterThanOrEqual(1);
      expect(w).toBeLessThan(2);
    }
  });
});
