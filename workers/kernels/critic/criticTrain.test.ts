import { describe, expect, it } from 'vitest';
import twoGauss from '../fixtures/critic_04_two_gaussians.json';
import eightGauss from '../fixtures/critic_05_eight_gaussians.json';
import { trainCritic } from './critic.ts';
import { criticAt, type CriticModel } from './criticModel.ts';
import {
  CriticTrainer,
  GRADIENT_NORM_POINTS,
  criticTrainingSteps,
  runCriticTraining,
  type CriticProgress,
} from './criticTrain.ts';
import { flatPoints } from './criticTestKit.ts';

/**
 * Small enough to train in about a second, large enough to converge: the two-Gaussian estimate
 * settles within ~150 steps, the eight-Gaussian one within ~450 (its critic is a cone).
 */
const FAST = { width: 48, batchSize: 64 } as const;
const STEPS: Record<string, number> = { critic_04_two_gaussians: 300, critic_05_eight_gaussians: 600 };

/** max |f(p) − f(q)| / |p − q| over all pairs of distinct points of both clouds. */
function pairLipschitz(model: CriticModel, x: Float64Array, y: Float64Array): number {
  const all = new Float64Array([...x, ...y]);
  const f = criticAt(model, all).values;
  let worst = 0;
  for (let p = 0; p < f.length; p++)
    for (let q = p + 1; q < f.length; q++) {
      const d = Math.hypot(all[2 * p] - all[2 * q], all[2 * p + 1] - all[2 * q + 1]);
      if (d > 1e-12) worst = Math.max(worst, Math.abs(f[p] - f[q]) / d);
    }
  return worst;
}

const toy = (ref: typeof twoGauss) => ({
  x: flatPoints(ref.scenario.clouds[0].points),
  y: flatPoints(ref.scenario.clouds[1].points),
  w1: ref.expect.w1,
});

describe('the gradient-penalty critic on the toy fixtures (200 points a side)', () => {
  for (const ref of [twoGauss, eightGauss]) {
    it(`${ref.id}: estimate within 10% of W1, Lipschitz constant on point pairs in [0.95, 1.15]`, () => {
      const { x, y } = toy(ref);
      const res = trainCritic(x, null, y, null, { ...FAST, trainSteps: STEPS[ref.id] });
      // W1 from our exact solver agrees with the fixture's POT value.
      expect(Math.abs(res.w1Exact - ref.expect.w1)).toBeLessThan(ref.tolerance.abs);
      const ratio = res.w1Estimate / res.w1Exact;
      const [lo, hi] = ref.tolerance.estimateBand;
      expect(ratio).toBeGreaterThan(lo);
      expect(ratio).toBeLessThan(hi);
      // The stored PyTorch run (2-128-128-1, 2000 steps of 256, plane units) lands in the same band.
      expect(ref.expect.torchRatio).toBeGreaterThan(lo);
      expect(ref.expect.torchRatio).toBeLessThan(hi);
      const lip = pairLipschitz(res.params, x, y);
      expect(lip).toBeGreaterThan(0.95);
      expect(lip).toBeLessThan(1.15);
      // The penalty holds the gradient near 1 where it is imposed (a little above: see criticFrame).
      expect(res.gradientNorm.mean).toBeGreaterThan(0.95);
      expect(res.gradientNorm.mean).toBeLessThan(1.1);
      expect(res.gradientNorm.p95).toBeLessThanOrEqual(res.gradientNorm.max);
      // The histogram counts every sample once, over [0, max(1.5, max)].
      const h = res.gradientNorm.histogram;
      expect(h.counts.reduce((t, c) => t + c, 0)).toBe(GRADIENT_NORM_POINTS);
      expect(h.top).toBe(Math.max(1.5, res.gradientNorm.max));
    });
  }

  it('the one-sided penalty also lands within 10% (two Gaussians)', () => {
    const { x, y, w1 } = toy(twoGauss);
    const res = runCriticTraining(x, null, y, null, { ...FAST, trainSteps: 300, lipschitz: 'one-sided' });
    expect(Math.abs(res.w1Estimate / w1 - 1)).toBeLessThan(0.1);
    expect(res.gradientNorm.max).toBeLessThan(1.25);
  });
});

describe('weight clipping', () => {
  it('keeps every parameter in [−c, c] after every step, and the critic still learns the sign and shape', () => {
    const { x, y, w1 } = toy(twoGauss);
    const c = 0.01;
    const t = new CriticTrainer(x, null, y, null, { lipschitz: 'clip', clip: c, trainSteps: 300, width: 32 });
    const first = t.estimate();
    let worst = 0;
    while (!t.done) {
      t.trainStep();
      for (const p of t.params) worst = Math.max(worst, Math.abs(p));
    }
    expect(worst).toBeLessThanOrEqual(c);
    expect(worst).toBe(c); // the bound is reached: clipping is active
    const est = t.estimate();
    expect(first).toBe(0); // f ≡ 0 at the start (zero output layer)
    expect(est).toBeGreaterThan(0);
    // A clipped critic is K-Lipschitz with a small K: its value is about K·W1, not W1.
    const K = t.gradientNorms();
    expect(K.max).toBeLessThan(0.05);
    expect(est / (K.max * w1)).toBeGreaterThan(0.5);
    expect(est / (K.max * w1)).toBeLessThan(1.05);
  });
});

describe('criticTrainingSteps', () => {
  const { x, y } = toy(twoGauss);
  const opts = { trainSteps: 40, width: 16, batchSize: 16, reportEvery: 10, snapshotEvery: 20, seed: 3 };

  it('yields every reportEvery steps with snapshots every snapshotEvery steps, history from step 0', () => {
    const seen: CriticProgress[] = [];
    const it = criticTrainingSteps(x, null, y, null, opts);
    let r = it.next();
    while (!r.done) {
      seen.push(r.value);
      r = it.next();
    }
    expect(seen.map((p) => p.step)).toEqual([10, 20, 30, 40]);
    expect(seen.map((p) => p.snapshot !== null)).toEqual([false, true, false, true]);
    expect(Array.from(r.value.history.filter((_, k) => k % 2 === 0))).toEqual([0, 10, 20, 30, 40]);
    expect(r.value.history[1]).toBe(0);
    expect(r.value.w1Estimate).toBe(seen[3].estimate);
    expect(r.value.steps).toBe(40);
  });

  it('a stop keeps the state: result() of a yield equals that of a run of that many steps', () => {
    const it = criticTrainingSteps(x, null, y, null, opts);
    it.next();
    const stopped = it.next().value as CriticProgress;
    const kept = stopped.result();
    const short = runCriticTraining(x, null, y, null, { ...opts, trainSteps: 20 });
    expect(kept.steps).toBe(20);
    expect(kept.params.params).toEqual(short.params.params);
    expect(kept.w1Estimate).toBe(short.w1Estimate);
    expect(kept.history).toEqual(short.history);
    expect(kept.gradientNorm).toEqual(short.gradientNorm);
  });

  it('is deterministic in its seed', () => {
    const a = runCriticTraining(x, null, y, null, opts);
    const b = runCriticTraining(x, null, y, null, opts);
    const c = runCriticTraining(x, null, y, null, { ...opts, seed: 4 });
    expect(b.params.params).toEqual(a.params.params);
    expect(b.history).toEqual(a.history);
    expect(c.params.params).not.toEqual(a.params.params);
  });

  it('weights: a point with weight 0 is never sampled and does not count in the estimate', () => {
    const far = new Float64Array([...x, 1e3, 1e3]);
    const a = new Float64Array(far.length / 2).fill(1);
    a[a.length - 1] = 0;
    const base = runCriticTraining(x, null, y, null, opts);
    const withFar = runCriticTraining(far, a, y, null, opts);
    // The far point moves the frame, so the runs differ, but the estimate ignores the point.
    const fx = criticAt(withFar.params, far).values;
    const fy = criticAt(withFar.params, y).values;
    const n = x.length / 2;
    let dual = 0;
    for (let i = 0; i < n; i++) dual -= fx[i] / n;
    for (let j = 0; j < fy.length; j++) dual += fy[j] / fy.length;
    expect(Math.abs(dual - withFar.w1Estimate)).toBeLessThan(1e-12 * Math.abs(dual) + 1e-15);
    expect(Number.isFinite(base.w1Estimate)).toBe(true);
  });
});

describe('option and input validation', () => {
  const x = Float64Array.of(0, 0, 1, 0);
  const y = Float64Array.of(0, 1, 1, 1);
  it.each([
    [{ lipschitz: 'spectral' as never }, /lipschitz must be/],
    [{ lambda: -1 }, /lambda must be finite and >= 0/],
    [{ clip: 0 }, /clip must be finite and > 0/],
    [{ trainSteps: 1.5 }, /trainSteps must be an integer/],
    [{ width: 8 }, /width must be an integer in 16..256/],
    [{ width: 512 }, /width must be an integer in 16..256/],
    [{ depth: 5 }, /depth must be an integer in 1..4/],
    [{ activation: 'tanh' as never }, /activation must be/],
    [{ batchSize: 0 }, /batchSize must be an integer/],
    [{ learningRate: Infinity }, /learningRate must be finite/],
    [{ seed: NaN }, /seed must be a finite number/],
  ])('%o is a RangeError', (options, message) => {
    expect(() => trainCritic(x, null, y, null, options)).toThrow(RangeError);
    expect(() => trainCritic(x, null, y, null, options)).toThrow(message);
  });

  it('bad clouds are RangeErrors naming the side', () => {
    expect(() => trainCritic(new Float64Array(0), null, y, null)).toThrow(
      /source must hold at least one point/,
    );
    expect(() => trainCritic(x, null, Float64Array.of(0, Infinity), null)).toThrow(/target coordinate 1/);
    expect(() => trainCritic(x, Float64Array.of(1), y, null)).toThrow(/source weights: expected 2/);
    expect(() => runCriticTraining(x, null, y, Float64Array.of(0, 0))).toThrow(
      /target weights: all weights are zero/,
    );
  });
});
