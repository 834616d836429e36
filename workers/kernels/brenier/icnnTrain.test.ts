import { randomLcg } from 'd3-random';
import { describe, expect, it } from 'vitest';
import { gaussianCloud, gaussianReference, rmsRelative, uniform } from './brenierTestKit.ts';
import { absoluteEpsilon, DEFAULT_RELATIVE_EPSILON, entropicMap, fitEntropicMap } from './entropicMap.ts';
import { Icnn } from './icnn.ts';
import { icnnMap, icnnPotential } from './icnnMap.ts';
import { icnnTrain, icnnTrainSteps } from './icnnTrain.ts';

// Short trainings (about a second each): whole-cloud batches, 100 outer steps.
const SHORT = { width: 16, depth: 2, steps: 100, batchSize: 512, learningRate: 0.01 };

describe('neural OT with ICNNs: Gaussian reference', () => {
  const { x, y, a, b, query, expected, scale, tolerance } = gaussianReference;
  const r = icnnTrain(x, a, y, b, SHORT, randomLcg(1));
  const err = rmsRelative(icnnMap(r.model, query), expected, scale);

  it('is within 2× the entropic estimator’s error at default parameters (and the tolerance)', () => {
    const fit = fitEntropicMap(x, a, y, b, {
      epsilon: absoluteEpsilon(DEFAULT_RELATIVE_EPSILON, x, a, y, b),
    });
    const entropicErr = rmsRelative(entropicMap(fit.map, query), expected, scale);
    // Measured: ICNN 0.047, entropic 0.063.
    expect(err).toBeLessThan(2 * entropicErr);
    expect(err).toBeLessThan(tolerance);
    expect(r.steps).toBe(100);
    expect(r.stopped).toBe(false);
  });

  it('the dual W₂² estimate settles near the population value (29.79)', () => {
    const last = r.w2History[r.w2History.length - 1];
    expect(Math.abs(last - gaussianReference.populationW2) / gaussianReference.populationW2).toBeLessThan(
      0.05,
    );
  });

  it('both trained networks are convex (second differences along random lines >= 0)', () => {
    const net = new Icnn(r.model.spec);
    const rand = randomLcg(5);
    let min = Infinity;
    for (const params of [r.model.g, r.model.f]) {
      for (let line = 0; line < 30; line++) {
        const [p0, p1] = [4 * rand() - 2, 4 * rand() - 2];
        const ang = 2 * Math.PI * rand();
        const at = (t: number) => net.forward(params, p0 + t * Math.cos(ang), p1 + t * Math.sin(ang));
        for (let t = -2; t <= 2; t += 0.05) min = Math.min(min, at(t + 0.05) - 2 * at(t) + at(t - 0.05));
      }
    }
    expect(min).toBeGreaterThan(-1e-12);
  });

  it('T = ∇φ in the original coordinates (central differences)', () => {
    const T = icnnMap(r.model, query);
    const h = 1e-5;
    for (let k = 0; k < 10; k++) {
      const [q0, q1] = [query[2 * k], query[2 * k + 1]];
      const phi = icnnPotential(r.model, Float64Array.of(q0 + h, q1, q0 - h, q1, q0, q1 + h, q0, q1 - h));
      expect((phi[0] - phi[1]) / (2 * h)).toBeCloseTo(T[2 * k], 5);
      expect((phi[2] - phi[3]) / (2 * h)).toBeCloseTo(T[2 * k + 1], 5);
    }
  });

  it('the map is monotone: <T(x) − T(z), x − z> >= 0 on random pairs', () => {
    const rand = randomLcg(8);
    const pts = new Float64Array(800);
    for (let k = 0; k < pts.length; k++) pts[k] = 12 * (rand() - 0.5);
    const T = icnnMap(r.model, pts);
    let min = Infinity;
    for (let p = 0; p < 200; p++) {
      const i = 2 * p;
      const j = 2 * (p + 200);
      min = Math.min(
        min,
        (T[i] - T[j]) * (pts[i] - pts[j]) + (T[i + 1] - T[j + 1]) * (pts[i + 1] - pts[j + 1]),
      );
    }
    expect(min).toBeGreaterThanOrEqual(0);
  });
});

describe('neural OT with ICNNs: invariants and control', () => {
  const n = 120;
  const x = gaussianCloud(n, 31, 0, 0, 1, 0.5);
  const a = uniform(n);
  const probe = gaussianCloud(40, 32, 0, 0, 0.6, 0.3);

  it('identical clouds: T(x) ≈ x (within 0.02 of the spread; measured 2e-4)', () => {
    const r = icnnTrain(x, a, x, a, SHORT, randomLcg(2));
    expect(rmsRelative(icnnMap(r.model, probe), probe, Math.sqrt(1.25 / 2))).toBeLessThan(0.02);
  });

  it('translation: target = source + v gives T(x) ≈ x + v (within 0.02 of the spread; measured 2e-4)', () => {
    const y = x.map((p, k) => p + (k & 1 ? -1 : 4));
    const r = icnnTrain(x, a, y, a, SHORT, randomLcg(3));
    const shifted = probe.map((p, k) => p + (k & 1 ? -1 : 4));
    expect(rmsRelative(icnnMap(r.model, probe), shifted, Math.sqrt(1.25 / 2))).toBeLessThan(0.02);
  });

  it('is deterministic for a seed, and minibatches change with it', () => {
    const opts = { ...SHORT, steps: 5, batchSize: 32 };
    const r1 = icnnTrain(x, a, x, a, opts, randomLcg(9));
    const r2 = icnnTrain(x, a, x, a, opts, randomLcg(9));
    const r3 = icnnTrain(x, a, x, a, opts, randomLcg(10));
    expect(Array.from(r1.model.g)).toEqual(Array.from(r2.model.g));
    expect(Array.from(r1.model.g)).not.toEqual(Array.from(r3.model.g));
  });

  it('stops early when asked and returns the map so far', () => {
    let polls = 0;
    const it = icnnTrainSteps(x, a, x, a, { ...SHORT, shouldStop: () => ++polls > 7 }, randomLcg(4));
    let yields = 0;
    let r = it.next();
    while (!r.done) {
      yields++;
      expect(r.value.steps).toBe(100);
      r = it.next();
    }
    expect(yields).toBe(7);
    expect(r.value.stopped).toBe(true);
    expect(r.value.steps).toBe(7);
    expect(r.value.w2History.length).toBe(7);
    expect(icnnMap(r.value.model, probe).every(Number.isFinite)).toBe(true);
  });

  it('rejects empty clouds and bad options', () => {
    expect(() => icnnTrain(new Float64Array(0), new Float64Array(0), x, a, SHORT, randomLcg(1))).toThrow(
      RangeError,
    );
    expect(() => icnnTrain(x, a, x, a, { steps: 1.5 }, randomLcg(1))).toThrow(RangeError);
  });
});
