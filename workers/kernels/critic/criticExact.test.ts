import { describe, expect, it } from 'vitest';
import w1Gauss from '../fixtures/critic_02_w1_gauss_40x55.json';
import w1Dups from '../fixtures/critic_03_w1_weighted_dups.json';
import twoGauss from '../fixtures/critic_04_two_gaussians.json';
import eightGauss from '../fixtures/critic_05_eight_gaussians.json';
import { potentialGrid } from './criticGrid.ts';
import { potentialAt, transportRays, w1Exact } from './criticExact.ts';
import { flatPoints } from './criticTestKit.ts';

interface Cloud {
  points: number[][];
  weights?: number[];
}
const cloudsOf = (ref: { scenario: { clouds: Cloud[] } }) => {
  const [s, t] = ref.scenario.clouds;
  return {
    x: flatPoints(s.points),
    a: s.weights ? Float64Array.from(s.weights) : null,
    y: flatPoints(t.points),
    b: t.weights ? Float64Array.from(t.weights) : null,
  };
};
const references = [w1Gauss, w1Dups, twoGauss, eightGauss];

describe('w1Exact against POT ot.emd2 with the Euclidean metric', () => {
  for (const ref of references) {
    it(`${ref.id}: W1 within ${ref.tolerance.abs}`, () => {
      const { x, a, y, b } = cloudsOf(ref);
      expect(Math.abs(w1Exact(x, a, y, b).w1 - ref.expect.w1)).toBeLessThan(ref.tolerance.abs);
    });
  }
  it('ignores the scenario cost (critic_02 names sqeuclidean; W1 is Euclidean)', () => {
    expect(w1Gauss.scenario.cost).toBe('sqeuclidean');
  });
});

describe('the exact Kantorovich potential F(p) = max_j (g_j − |p − y_j|)', () => {
  for (const ref of references) {
    it(`${ref.id}: 1-Lipschitz on every pair of points (1e-12), attains W1 (1e-9), tight on the rays`, () => {
      const { x, a, y, b } = cloudsOf(ref);
      const res = w1Exact(x, a, y, b);
      const all = new Float64Array([...x, ...y]);
      const F = potentialAt(res.potential, all).values;
      const N = F.length;
      let worst = 0;
      for (let p = 0; p < N; p++)
        for (let q = p + 1; q < N; q++) {
          const d = Math.hypot(all[2 * p] - all[2 * q], all[2 * p + 1] - all[2 * q + 1]);
          worst = Math.max(worst, Math.abs(F[p] - F[q]) - d);
        }
      expect(worst).toBeLessThan(1e-12);
      const n = a ? a.length : x.length / 2;
      let dual = 0;
      for (let i = 0; i < n; i++) dual -= res.a[i] * F[i];
      for (let j = 0; j < res.b.length; j++) dual += res.b[j] * F[n + j];
      expect(Math.abs(dual - res.w1)).toBeLessThan(1e-9);
      // Along each ray x_i → y_j of the plan, F rises by exactly the length: F(y_j) − F(x_i) = |x_i − y_j|.
      const rays = transportRays(x, y, res.plan);
      for (let k = 0; k < res.plan.mass.length; k++) {
        const len = Math.hypot(rays[4 * k + 2] - rays[4 * k], rays[4 * k + 3] - rays[4 * k + 1]);
        expect(Math.abs(F[n + res.plan.j[k]] - F[res.plan.i[k]] - len)).toBeLessThan(1e-9);
      }
    });
  }

  it('has unit gradients pointing at a target point, matching central differences off the kinks', () => {
    const { x, a, y, b } = cloudsOf(w1Gauss);
    const { potential } = w1Exact(x, a, y, b);
    const q = Float64Array.of(0.31, -0.72, 1.7, 0.4, -2.2, 3.1);
    const { values, gradients } = potentialAt(potential, q);
    const h = 1e-7;
    for (let k = 0; k < 3; k++) {
      expect(Math.abs(Math.hypot(gradients[2 * k], gradients[2 * k + 1]) - 1)).toBeLessThan(1e-14);
      for (const axis of [0, 1]) {
        const up = q.slice(2 * k, 2 * k + 2);
        const down = up.slice();
        up[axis] += h;
        down[axis] -= h;
        const fd = (potentialAt(potential, up).values[0] - potentialAt(potential, down).values[0]) / (2 * h);
        expect(Math.abs(fd - gradients[2 * k + axis])).toBeLessThan(1e-6);
      }
    }
    expect(values.every(Number.isFinite)).toBe(true);
  });

  it('on a grid equals the pointwise evaluation, row-major from the bottom-left corner', () => {
    const { x, a, y, b } = cloudsOf(w1Dups);
    const { potential } = w1Exact(x, a, y, b);
    const box = { x0: -1.5, y0: -1, x1: 2, y1: 1.5 };
    const grid = potentialGrid(potential, box, 9);
    for (const [c, r] of [
      [0, 0],
      [8, 0],
      [3, 5],
      [8, 8],
    ]) {
      const p = Float64Array.of(-1.5 + (3.5 * c) / 8, -1 + (2.5 * r) / 8);
      const at = potentialAt(potential, p);
      expect(grid.values[r * 9 + c]).toBe(at.values[0]);
      expect(grid.gradients[2 * (r * 9 + c) + 1]).toBe(at.gradients[1]);
    }
    expect(grid.min).toBe(Math.min(...grid.values));
    expect(grid.max).toBe(Math.max(...grid.values));
  });

  it('transport rays list each plan entry as source point then target point', () => {
    const x = Float64Array.of(0, 0, 1, 0);
    const y = Float64Array.of(0, 2, 1, 2);
    const res = w1Exact(x, null, y, null);
    expect(res.w1).toBeCloseTo(2, 14);
    const rays = transportRays(x, y, res.plan);
    expect(rays.length).toBe(4 * res.plan.mass.length);
    for (let k = 0; k < res.plan.mass.length; k++) {
      expect(rays[4 * k]).toBe(x[2 * res.plan.i[k]]);
      expect(rays[4 * k + 3]).toBe(y[2 * res.plan.j[k] + 1]);
    }
  });

  it('rejects malformed clouds with a RangeError that names the fault', () => {
    const ok = Float64Array.of(0, 0, 1, 1);
    expect(() => w1Exact(new Float64Array(0), null, ok, null)).toThrow(/source must hold at least one point/);
    expect(() => w1Exact(ok, null, Float64Array.of(0, 0, 1), null)).toThrow(RangeError);
    expect(() => w1Exact(ok, null, Float64Array.of(0, NaN), null)).toThrow(
      /target coordinate 1 is not finite/,
    );
    expect(() => w1Exact(ok, Float64Array.of(1, -1), ok, null)).toThrow(/source weights/);
    expect(() => w1Exact(ok, Float64Array.of(0, 0), ok, null)).toThrow(/all weights are zero/);
    expect(() => w1Exact(ok, null, ok, Float64Array.of(1))).toThrow(/target weights/);
  });
});
