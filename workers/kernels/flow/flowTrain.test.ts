import { describe, expect, it } from 'vitest';
import { rectifiedFlow } from './flow.ts';
import { FlowField, fitFrame } from './flowModel.ts';
import { CloudDistribution, GaussianDistribution } from './flowSampling.ts';
import { gaussianBlob, rmsNorm, twoMoons } from './flowTestKit.ts';
import { DistributionPairs, FixedPairs, FlowTrainer } from './flowTrain.ts';

const small = { width: 16, depth: 2, timeFeatures: 1 };

describe('FlowTrainer', () => {
  it('is bit-identical for the same seed, and differs for another seed', () => {
    const source = new GaussianDistribution();
    const target = new CloudDistribution(twoMoons(200, 0.05, 1), null, 0.03);
    const frame = fitFrame(source, target);
    const run = (seed: number) => {
      const t = new FlowTrainer(new DistributionPairs(source, target, 'minibatch-ot'), {
        seed,
        steps: 40,
        batchSize: 64,
        net: small,
        frame,
      });
      while (!t.done) t.trainStep();
      return t;
    };
    const a = run(5);
    const b = run(5);
    const c = run(6);
    expect(b.params).toEqual(a.params);
    expect(b.losses).toEqual(a.losses);
    expect(c.params).not.toEqual(a.params);
  });

  it('reproduces a whole run with a Reflow round from the seed', () => {
    const source = new CloudDistribution(gaussianBlob(100, [-2, 0], 0.3, 2), null, 0.05);
    const target = new CloudDistribution(twoMoons(100, 0.05, 3), null, 0.05);
    const options = {
      seed: 9,
      trainSteps: 20,
      batchSize: 32,
      net: small,
      reflow: 1,
      reflowPairs: { count: 64, steps: 4 },
    };
    const a = rectifiedFlow(source, target, options);
    const b = rectifiedFlow(source, target, options);
    expect(a.length).toBe(2);
    expect(b[1].model.params).toEqual(a[1].model.params);
    expect(b[1].losses).toEqual(a[1].losses);
  });

  it('learns a near-zero velocity between identical distributions (minibatch-OT pairs)', () => {
    // Source and target are the same blurred cloud: OT pairs each x0 with a nearby x1, so the
    // regression target averages to ~0 everywhere. A shifted target is the control: v ≈ shift.
    const cloud = gaussianBlob(300, [1, -1], 0.5, 4);
    const same = new CloudDistribution(cloud, null, 0.05);
    const shift = 0.8;
    const moved = new CloudDistribution(
      cloud.map((v, e) => (e % 2 === 0 ? v + shift : v)),
      null,
      0.05,
    );
    const velocityRms = (target: CloudDistribution) => {
      const [round] = rectifiedFlow(same, target, {
        seed: 1,
        trainSteps: 200,
        batchSize: 64,
        coupling: 'minibatch-ot',
      });
      const field = new FlowField(round.model);
      const x = gaussianBlob(200, [1, -1], 0.5, 5);
      const v = new Float64Array(x.length);
      let worst = 0;
      for (const t of [0, 0.5, 1]) {
        field.velocity(x, 200, t, v);
        worst = Math.max(worst, rmsNorm(v));
      }
      return worst;
    };
    // The cloud's spread is √(variance) ≈ 0.7; matched OT neighbours in a batch of 64 are ~0.15 apart.
    expect(velocityRms(same)).toBeLessThan(0.05);
    const control = velocityRms(moved);
    expect(control).toBeGreaterThan(0.7 * shift);
    expect(control).toBeLessThan(1.3 * shift);
  });

  it('rejects bad options', () => {
    const pairs = new FixedPairs(new Float64Array(2), new Float64Array(2));
    const frame = { cx: 0, cy: 0, scale: 1 };
    expect(() => new FlowTrainer(pairs, { seed: 1, steps: 0, frame })).toThrow(RangeError);
    expect(() => new FlowTrainer(pairs, { seed: 1, steps: 5, batchSize: 0, frame })).toThrow(RangeError);
    expect(() => new FlowTrainer(pairs, { seed: 1, steps: 5 })).toThrow(RangeError);
  });
});
