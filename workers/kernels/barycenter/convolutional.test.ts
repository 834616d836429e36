import { describe, expect, it } from 'vitest';
import {
  convolutionalBarycenter,
  convolutionalBarycenterSteps,
  type ConvolutionalProgress,
} from './convolutional.ts';
import { gridBarycenter, gridBounds, splatCloud } from './grid.ts';
import { cloudsOf, maxAbsDiff, type FixtureScenario } from './testKit.ts';
import grid3 from '../fixtures/barycenter_03_grid3.json';
import grid2 from '../fixtures/barycenter_04_grid2.json';
import grid3log from '../fixtures/barycenter_05_grid3_log.json';

interface GridParams {
  lambdas: number[];
  size: number;
  blur: number;
  margin: number;
}

const refs = [grid3, grid2, grid3log];

describe('convolutional barycenter against POT 0.8.2', () => {
  for (const ref of refs) {
    const p = ref.scenario.params as GridParams;
    const A = Float64Array.from(ref.expect.densities);
    // The full-kernel reference (ot.bregman.barycenter, log domain) where the script could afford it.
    const full = (ref.expect as { densityFull?: number[] }).densityFull ?? ref.expect.density;
    it(`${ref.id}: density within ${ref.tolerance.density_abs} of convolutional_barycenter2d, 1e-9 of barycenter (full kernel)`, () => {
      for (const domain of ['auto', 'log'] as const) {
        const r = convolutionalBarycenter(A, ref.expect.reg, p.lambdas, { tolerance: 1e-11, domain });
        expect(r.converged).toBe(true);
        expect(maxAbsDiff(r.density, ref.expect.density)).toBeLessThan(ref.tolerance.density_abs);
        expect(maxAbsDiff(r.density, full)).toBeLessThan(1e-9);
      }
    });

    it(`${ref.id}: the cloud-level wrapper splats to POT's A (1e-12) and finds the same density`, () => {
      const clouds = cloudsOf(ref.scenario as FixtureScenario);
      const r = gridBarycenter(clouds, p.lambdas, {
        size: p.size,
        blur: p.blur,
        margin: p.margin,
        tolerance: 1e-11,
      });
      expect(maxAbsDiff(r.bounds, ref.expect.bounds)).toBeLessThan(1e-12);
      expect(Math.abs(r.reg / ref.expect.reg - 1)).toBeLessThan(1e-12);
      const N = p.size;
      const A2 = new Float64Array(clouds.length * N * N);
      clouds.forEach((c, k) => {
        const w = c.weights ? c.weights.map((v, _, all) => v / all.reduce((s, u) => s + u, 0)) : null;
        splatCloud(
          c.points,
          w ?? new Float64Array(c.points.length / 2).fill(2 / c.points.length),
          N,
          r.bounds,
          A2,
          k * N * N,
        );
      });
      expect(maxAbsDiff(A2, ref.expect.densities)).toBeLessThan(ref.tolerance.densities_abs);
      expect(maxAbsDiff(r.density, full)).toBeLessThan(1e-9);
    });
  }

  it('where both domains apply, the log domain follows the scaling one (same iterations, densities within 1e-15)', () => {
    for (const ref of [grid3, grid2]) {
      const A = Float64Array.from(ref.expect.densities);
      const { lambdas } = ref.scenario.params as GridParams;
      const opts = { tolerance: 1e-11 };
      const a = convolutionalBarycenter(A, ref.expect.reg, lambdas, { ...opts, domain: 'scaling' });
      const b = convolutionalBarycenter(A, ref.expect.reg, lambdas, { ...opts, domain: 'log' });
      expect(b.domain).toBe('log');
      expect(b.iterations).toBe(a.iterations);
      expect(maxAbsDiff(a.density, b.density)).toBeLessThan(1e-15);
      // log K U reaches −95 here (ulp 1.4e-14); the two differ by ~2 ulps (3e-14).
      expect(maxAbsDiff(a.scalings, b.scalings)).toBeLessThan(1e-12);
    }
  });

  it('the 0.6-spacing blur leaves the scaling range: auto switches to the log domain, scaling-only refuses', () => {
    const p = grid3log.scenario.params as GridParams;
    const A = Float64Array.from(grid3log.expect.densities);
    expect(convolutionalBarycenter(A, grid3log.expect.reg, p.lambdas).domain).toBe('log');
    expect(() => convolutionalBarycenter(A, grid3log.expect.reg, p.lambdas, { domain: 'scaling' })).toThrow(
      /underflows the scaling iteration/,
    );
  });
});

describe('convolutional barycenter invariants', () => {
  const p = grid3.scenario.params as GridParams;
  const A = Float64Array.from(grid3.expect.densities);
  const N = p.size;
  const reg = grid3.expect.reg;

  it('λ = e_k gives K(A_k / K1), the splat blurred once (naive 2D convolution), mass 1', () => {
    const t = (i: number) => i / (N - 1);
    const k2 = (a: number, b: number, c: number, d: number) =>
      Math.exp(-((t(a) - t(c)) ** 2 + (t(b) - t(d)) ** 2) / reg);
    for (let k = 0; k < 3; k++) {
      const r = convolutionalBarycenter(
        A,
        reg,
        [0, 1, 2].map((c) => (c === k ? 1 : 0)),
        { tolerance: 1e-12 },
      );
      const Ak = A.subarray(k * N * N, (k + 1) * N * N);
      const want = new Float64Array(N * N);
      for (let r0 = 0; r0 < N; r0++) {
        for (let c0 = 0; c0 < N; c0++) {
          const e = r0 * N + c0;
          if (Ak[e] === 0) continue;
          let k1 = 0;
          for (let r1 = 0; r1 < N; r1++) for (let c1 = 0; c1 < N; c1++) k1 += k2(r0, c0, r1, c1);
          for (let r1 = 0; r1 < N; r1++)
            for (let c1 = 0; c1 < N; c1++) want[r1 * N + c1] += (k2(r0, c0, r1, c1) * Ak[e]) / k1;
        }
      }
      expect(maxAbsDiff(r.density, want)).toBeLessThan(1e-15);
      expect(Math.abs(r.density.reduce((s, v) => s + v, 0) - 1)).toBeLessThan(1e-12);
    }
  });

  it('non-negative with mass 1 (to the tolerance); mirror-symmetric inputs give a mirror-symmetric barycenter', () => {
    const r = convolutionalBarycenter(A, reg, p.lambdas, { tolerance: 1e-10 });
    expect(Math.min(...r.density)).toBeGreaterThanOrEqual(0);
    expect(Math.abs(r.density.reduce((s, v) => s + v, 0) - 1)).toBeLessThan(1e-9);
    // Cloud 0 and its mirror image (x → −x within the grid) with equal λ.
    const mirror = (img: Float64Array) => img.map((_, e) => img[Math.floor(e / N) * N + (N - 1 - (e % N))]);
    const sym = new Float64Array(2 * N * N);
    sym.set(A.subarray(N * N, 2 * N * N));
    sym.set(mirror(A.subarray(N * N, 2 * N * N)), N * N);
    const rs = convolutionalBarycenter(sym, reg, [0.5, 0.5], { tolerance: 1e-11 });
    expect(maxAbsDiff(rs.density, mirror(rs.density))).toBeLessThan(1e-12);
  });

  it('a warm start after a λ change converges to the cold result in fewer iterations; plain projections agree', () => {
    const first = convolutionalBarycenter(A, reg, p.lambdas, { tolerance: 1e-9 });
    const lam2 = [0.45, 0.35, 0.2];
    const cold = convolutionalBarycenter(A, reg, lam2, { tolerance: 1e-9 });
    const warm = convolutionalBarycenter(A, reg, lam2, { tolerance: 1e-9, warmStart: first.scalings });
    const plain = convolutionalBarycenter(A, reg, lam2, { tolerance: 1e-9, andersonMemory: 0 });
    expect(warm.iterations).toBeLessThan(cold.iterations);
    expect(plain.iterations).toBeGreaterThan(cold.iterations);
    expect(maxAbsDiff(warm.density, cold.density)).toBeLessThan(1e-9);
    expect(maxAbsDiff(plain.density, cold.density)).toBeLessThan(1e-9);
  });

  it('the generator yields fresh densities and a state that finishes the solve when used as a warm start', () => {
    const gen = convolutionalBarycenterSteps(A, reg, p.lambdas, { tolerance: 1e-10, yieldEvery: 2 });
    const a = gen.next().value as ConvolutionalProgress;
    expect(a.iteration).toBe(2);
    const copy = a.density.slice();
    gen.next();
    expect(maxAbsDiff(a.density, copy)).toBe(0);
    const finished = convolutionalBarycenter(A, reg, p.lambdas, { tolerance: 1e-10, warmStart: a.scalings });
    expect(maxAbsDiff(finished.density, grid3.expect.densityFull)).toBeLessThan(1e-8);
  });

  it('refuses malformed input with RangeErrors that say what is wrong', () => {
    expect(() => convolutionalBarycenter(A, reg, [0.5, 0.5])).toThrow(/K·N²/);
    expect(() => convolutionalBarycenter(A, reg, [1, -1, 1])).toThrow(/lambda 1/);
    expect(() => convolutionalBarycenter(A, reg, [0, 0, 0])).toThrow(/all zero/);
    expect(() => convolutionalBarycenter(A, 1e-6, p.lambdas)).toThrow(/0.25 grid spacings/);
    expect(() => convolutionalBarycenter(A, NaN, p.lambdas)).toThrow(RangeError);
    expect(() =>
      convolutionalBarycenter(
        A.map((v) => 2 * v),
        reg,
        p.lambdas,
      ),
    ).toThrow(/mass/);
    expect(() => convolutionalBarycenter(A, reg, p.lambdas, { warmStart: new Float64Array(3) })).toThrow(
      /warmStart/,
    );
    expect(() => gridBounds([Float64Array.of(0, 0)], -1)).toThrow(/margin/);
  });
});
