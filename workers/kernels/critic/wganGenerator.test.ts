import { describe, expect, it } from 'vitest';
import eightGauss from '../fixtures/critic_05_eight_gaussians.json';
import { w1Exact } from './criticExact.ts';
import { flatPoints } from './criticTestKit.ts';
import { runWgan, wganSteps, type WganProgress } from './wganGenerator.ts';

const target = flatPoints(eightGauss.scenario.clouds[1].points);

/** Small networks: 250 generator steps (1250 critic steps) in about two seconds. */
const FAST = {
  width: 32,
  generatorWidth: 32,
  batchSize: 64,
  generatorSteps: 250,
  learningRate: 2e-3,
  generatorLearningRate: 3e-4,
  sampleCount: 200,
  reportEvery: 50,
  seed: 1,
} as const;

describe('WGAN-GP generator mode on the eight Gaussians', () => {
  it('moves the samples toward the target (W1 down by a quarter) while the critic tracks W1', () => {
    const start = runWgan(target, null, { ...FAST, generatorSteps: 0 });
    const w1Start = w1Exact(start.samples, null, target, null).w1;
    // The untrained generator puts every sample near the target's centre: W1 ≈ the radius, 2.
    expect(w1Start).toBeGreaterThan(1.8);
    const seen: WganProgress[] = [];
    const it = wganSteps(target, null, FAST);
    let r = it.next();
    while (!r.done) {
      seen.push(r.value);
      r = it.next();
    }
    expect(seen.map((p) => p.step)).toEqual([50, 100, 150, 200, 250]);
    const w1s = seen.map((p) => w1Exact(p.samples, null, target, null).w1);
    const w1End = w1s[w1s.length - 1];
    expect(w1End).toBeLessThan(0.8 * w1Start);
    // The critic's batch estimate follows the exact W1 of the samples (within 20%).
    expect(Math.abs(seen[4].estimate / w1End - 1)).toBeLessThan(0.2);
    expect(r.value.samples).toEqual(seen[4].samples);
    expect(Array.from(r.value.history)).toEqual(seen.flatMap((p) => [p.step, p.estimate]));
  });

  it('a stop keeps the state, and the seed fixes the run', () => {
    const opts = { ...FAST, generatorSteps: 10, reportEvery: 5 };
    const it = wganSteps(target, null, opts);
    const first = it.next().value as WganProgress;
    const kept = first.result();
    expect(kept.steps).toBe(5);
    expect(kept.samples).toEqual(first.samples);
    expect(Array.from(kept.history)).toEqual([5, first.estimate]);
    const again = wganSteps(target, null, opts).next().value as WganProgress;
    expect(again.result().generator.params).toEqual(kept.generator.params);
    expect(again.result().critic.params).toEqual(kept.critic.params);
    const other = wganSteps(target, null, { ...opts, seed: 2 }).next().value as WganProgress;
    expect(other.samples).not.toEqual(first.samples);
  });

  it('rejects bad options and clouds', () => {
    expect(() => runWgan(target, null, { criticSteps: 0 })).toThrow(
      /criticSteps must be an integer in 1..100/,
    );
    expect(() => runWgan(target, null, { generatorSteps: -1 })).toThrow(/generatorSteps/);
    expect(() => runWgan(target, null, { generatorLearningRate: 0 })).toThrow(/generatorLearningRate/);
    expect(() => runWgan(target, null, { sampleCount: 0 })).toThrow(/sampleCount/);
    expect(() => runWgan(target, null, { width: 4 })).toThrow(/width must be an integer in 16..256/);
    expect(() => runWgan(new Float64Array(0), null)).toThrow(/target must hold at least one point/);
  });
});
