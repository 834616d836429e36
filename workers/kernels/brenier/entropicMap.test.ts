import { randomLcg } from 'd3-random';
import { describe, expect, it } from 'vitest';
import { gaussianCloud, gaussianReference, rmsRelative, uniform } from './brenierTestKit.ts';
import {
  absoluteEpsilon,
  DEFAULT_RELATIVE_EPSILON,
  entropicMap,
  entropicMapFromPotential,
  entropicPotential,
  fitEntropicMap,
  meanSquaredSpread,
} from './entropicMap.ts';

const fitDefault = (x: Float64Array, a: Float64Array, y: Float64Array, b: Float64Array) =>
  fitEntropicMap(x, a, y, b, { epsilon: absoluteEpsilon(DEFAULT_RELATIVE_EPSILON, x, a, y, b) });

describe('entropic map: Gaussian reference (closed-form Brenier map)', () => {
  const { x, y, a, b, query, expected, scale, tolerance } = gaussianReference;
  const fit = fitDefault(x, a, y, b);

  it('Sinkhorn converged', () => {
    expect(fit.sinkhorn.converged).toBe(true);
  });

  it(`the map at the query points is within the stated RMS tolerance (${tolerance} of the scale)`, () => {
    const err = rmsRelative(entropicMap(fit.map, query), expected, scale);
    // Measured 0.063 at the default ε (POT gives the same figure).
    expect(err).toBeLessThan(tolerance);
    expect(err).toBeLessThan(0.08);
  });

  it('the map is the gradient of the potential φ (central differences, 1e-6 relative)', () => {
    const h = 1e-5;
    const T = entropicMap(fit.map, query);
    for (let k = 0; k < query.length / 2; k++) {
      const [q0, q1] = [query[2 * k], query[2 * k + 1]];
      const phi = entropicPotential(fit.map, Float64Array.of(q0 + h, q1, q0 - h, q1, q0, q1 + h, q0, q1 - h));
      const d0 = (phi[0] - phi[1]) / (2 * h);
      const d1 = (phi[2] - phi[3]) / (2 * h);
      expect(Math.abs(d0 - T[2 * k])).toBeLessThan(1e-6 * (1 + Math.abs(d0)));
      expect(Math.abs(d1 - T[2 * k + 1])).toBeLessThan(1e-6 * (1 + Math.abs(d1)));
    }
  });

  it('φ is convex: second differences along random lines are >= 0', () => {
    const rand = randomLcg(4);
    let min = Infinity;
    for (let line = 0; line < 30; line++) {
      const [p0, p1] = [-2.4 + 4 * (rand() - 0.5), 0.3 + 4 * (rand() - 0.5)];
      const ang = 2 * Math.PI * rand();
      const pts = new Float64Array(2 * 41);
      for (let s = 0; s <= 40; s++) {
        pts[2 * s] = p0 + (s - 20) * 0.1 * Math.cos(ang);
        pts[2 * s + 1] = p1 + (s - 20) * 0.1 * Math.sin(ang);
      }
      const phi = entropicPotential(fit.map, pts);
      for (let s = 1; s < 40; s++) min = Math.min(min, phi[s + 1] - 2 * phi[s] + phi[s - 1]);
    }
    expect(min).toBeGreaterThan(-1e-9);
  });

  it('monotone: <T(x) − T(z), x − z> >= 0 on random pairs', () => {
    const rand = randomLcg(9);
    const pts = new Float64Array(2 * 400);
    for (let k = 0; k < pts.length; k++) pts[k] = 12 * (rand() - 0.5);
    const T = entropicMap(fit.map, pts);
    let min = Infinity;
    for (let p = 0; p < 200; p++) {
      const i = 2 * p;
      const j = 2 * (p + 200);
      const inner = (T[i] - T[j]) * (pts[i] - pts[j]) + (T[i + 1] - T[j + 1]) * (pts[i + 1] - pts[j + 1]);
      min = Math.min(min, inner);
    }
    expect(min).toBeGreaterThanOrEqual(0);
  });
});

describe('entropic map: invariants', () => {
  const n = 150;
  const x = gaussianCloud(n, 21, 0, 0, 1, 0.6);
  const a = uniform(n);

  it('identical clouds: T(x) ≈ x inside the cloud (within 0.1 of the spread; measured 0.042)', () => {
    const fit = fitDefault(x, a, x, a);
    const probe = gaussianCloud(50, 22, 0, 0, 0.5, 0.3);
    const T = entropicMap(fit.map, probe);
    const spread = Math.sqrt(meanSquaredSpread(x, a, x, a));
    const err = rmsRelative(T, probe, spread);
    expect(err).toBeLessThan(0.1);
  });

  it('translation: target = source + v gives T(x) ≈ x + v (within 0.15 of the spread)', () => {
    const v = [3, -1.5];
    const y = x.map((p, k) => p + v[k & 1]);
    const fit = fitDefault(x, a, y, a);
    const probe = gaussianCloud(50, 23, 0, 0, 0.5, 0.3);
    const T = entropicMap(fit.map, probe);
    const shifted = probe.map((p, k) => p + v[k & 1]);
    const spread = Math.sqrt(meanSquaredSpread(x, a, y, a));
    expect(rmsRelative(T, shifted, spread)).toBeLessThan(0.15);
    // The displacement's mean is v up to the sampling of the probe.
    let dx = 0;
    for (let k = 0; k < 50; k++) dx += (T[2 * k] - probe[2 * k]) / 50;
    expect(dx).toBeCloseTo(3, 1);
  });

  it('skipping blocks of targets changes nothing: equals a plain log-sum-exp over all targets', () => {
    const y = gaussianCloud(300, 41, 1, 0, 2, 1);
    const rand = randomLcg(42);
    const b = new Float64Array(300).map(() => 0.5 + rand());
    const g = new Float64Array(300).map(() => rand() - 0.5);
    const pts = gaussianCloud(100, 43, 0, 0, 3, 3);
    for (const eps of [0.003, 0.05, 2]) {
      const map = entropicMapFromPotential(y, b, g, eps);
      const T = entropicMap(map, pts);
      const phi = entropicPotential(map, pts);
      for (let p = 0; p < 100; p++) {
        const [x0, x1] = [pts[2 * p], pts[2 * p + 1]];
        const l = Array.from({ length: 300 }, (_, j) => {
          const d2 = (x0 - y[2 * j]) ** 2 + (x1 - y[2 * j + 1]) ** 2;
          return Math.log(b[j]) + (g[j] - d2) / eps;
        });
        const max = Math.max(...l);
        const w = l.map((v) => Math.exp(v - max));
        const sum = w.reduce((u, v) => u + v, 0);
        const t0 = w.reduce((u, v, j) => u + v * y[2 * j], 0) / sum;
        const t1 = w.reduce((u, v, j) => u + v * y[2 * j + 1], 0) / sum;
        // φ = |x|²/2 − f/2 with f = −ε log Σ_j b_j exp((g_j − |x − y_j|²)/ε).
        const f = -eps * (max + Math.log(sum));
        expect(Math.abs(T[2 * p] - t0)).toBeLessThan(1e-9);
        expect(Math.abs(T[2 * p + 1] - t1)).toBeLessThan(1e-9);
        expect(Math.abs(phi[p] - (0.5 * (x0 * x0 + x1 * x1) - 0.5 * f))).toBeLessThan(
          1e-9 * (1 + Math.abs(phi[p])),
        );
      }
    }
  });

  it('one target point: every x maps onto it', () => {
    const map = entropicMapFromPotential(Float64Array.of(2, 5), Float64Array.of(1), Float64Array.of(0), 0.1);
    const T = entropicMap(map, Float64Array.of(-100, 30, 0, 0, 1e3, -1e3));
    expect(Array.from(T)).toEqual([2, 5, 2, 5, 2, 5]);
  });

  it('stays finite far from the data and at tiny ε (log-sum-exp)', () => {
    const y = Float64Array.of(0, 0, 1, 0);
    const map = entropicMapFromPotential(y, Float64Array.of(0.5, 0.5), Float64Array.of(0, 0), 1e-6);
    const T = entropicMap(map, Float64Array.of(0.4, 0, 0.6, 0, 1e4, 1e4));
    expect(Array.from(T)).toEqual([0, 0, 1, 0, 1, 0]);
    const phi = entropicPotential(map, Float64Array.of(1e4, 0));
    expect(phi[0]).toBeCloseTo(1e4 - 0.5, 6); // φ ≈ max_j (x·y_j − |y_j|²/2) + g_j/2
  });

  it('rejects mismatched lengths and ε <= 0', () => {
    expect(() =>
      entropicMapFromPotential(Float64Array.of(0, 0), Float64Array.of(1, 1), Float64Array.of(0), 1),
    ).toThrow(RangeError);
    expect(() =>
      entropicMapFromPotential(Float64Array.of(0, 0), Float64Array.of(1), Float64Array.of(0), 0),
    ).toThrow(RangeError);
  });
});
