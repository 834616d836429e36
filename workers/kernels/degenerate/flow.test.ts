/**
 * Degenerate inputs for the rectified-flow kernels: sampling (`flowSampling.ts`), the frame
 * (`flowModel.ts`), training with both couplings (`flowTrain.ts`, `flowCoupling.ts`), Reflow
 * (`flowReflow.ts`, `flow.ts`), integration (`flowIntegrate.ts`) and the metrics
 * (`flowMetrics.ts`), on every case of `cases.ts`. Networks are tiny and trained for a few steps:
 * these tests are about finiteness and scale, not quality.
 *
 * Tolerances: the frame makes a run scale-covariant: at scale s (bandwidth × s too) the samples
 * are s × the base samples within 1e-9 × the coordinates, and the losses s² × the base losses
 * within 1e-9 relative.
 */
import { randomLcg } from 'd3-random';
import { describe, expect, it } from 'vitest';
import { rectifiedFlow, type RectifiedFlowOptions } from '../flow/flow.ts';
import { MinibatchOt } from '../flow/flowCoupling.ts';
import { integrateFlow } from '../flow/flowIntegrate.ts';
import { evaluateFlowSteps, straightnessSteps, w2Squared } from '../flow/flowMetrics.ts';
import { FlowField, fitFrame } from '../flow/flowModel.ts';
import { CloudDistribution, flowDistributions, NormalStream } from '../flow/flowSampling.ts';
import { DistributionPairs, FlowTrainer } from '../flow/flowTrain.ts';
import { CASES, expectAllFinite, getCase, type DegenerateCase } from './cases.ts';

const NET = { width: 4, depth: 1, timeFeatures: 1 };

function options(extra: Partial<RectifiedFlowOptions> = {}): RectifiedFlowOptions {
  return {
    seed: 9,
    trainSteps: 4,
    batchSize: 8,
    net: NET,
    reflow: 1,
    reflowPairs: { count: 8, steps: 2 },
    ot: { block: 4 },
    ...extra,
  };
}

const size = (p: Float64Array) => p.reduce((s, v) => Math.max(s, Math.abs(v)), Number.MIN_VALUE);

/** The case's clouds as distributions, blurred by `relBandwidth` × the case's scale. */
function dists(c: DegenerateCase, relBandwidth: number) {
  return flowDistributions({
    x: c.x,
    a: c.a,
    y: c.y,
    b: c.b,
    source: 'cloud',
    bandwidth: relBandwidth * c.scale,
  });
}

function run<T>(gen: Generator<unknown, T>): T {
  for (;;) {
    const r = gen.next();
    if (r.done) return r.value;
  }
}

describe.each(CASES)('flow kernels on "$name"', (c) => {
  it.each([0, 0.03])('sampling (bandwidth %s × scale) and the frame are finite; the scale is > 0', (bw) => {
    const d = dists(c, bw);
    expectAllFinite(d);
    const out = new Float64Array(40);
    d.source.sample(out, 20, new NormalStream(randomLcg(1)));
    expectAllFinite(out);
    const frame = fitFrame(d.source, d.target);
    expectAllFinite(frame);
    expect(frame.scale).toBeGreaterThan(0);
  });

  it.each(['independent', 'minibatch-ot'] as const)(
    '%s coupling, one Reflow round: finite losses, weights, samples and metrics',
    (coupling) => {
      const d = dists(c, 0.03);
      const rounds = rectifiedFlow(d.source, d.target, options({ coupling }));
      expect(rounds).toHaveLength(2);
      expectAllFinite(rounds.map((r) => ({ ...r, trainMs: 0, pairsMs: 0 })));
      const field = new FlowField(rounds[1].model);
      for (const method of ['euler', 'heun'] as const) {
        for (const steps of [1, 3])
          expectAllFinite(integrateFlow(field, c.x, { steps, method, trajectories: true }));
      }
      const ev = run(
        evaluateFlowSteps(field, d.source, d.target, {
          seed: 2,
          sampleSize: 6,
          maxSteps: 2,
          straightnessSteps: 2,
        }),
      );
      expectAllFinite(ev);
      expect(ev.straightness).toBeGreaterThanOrEqual(0);
      expect(ev.w2Floor).toBeGreaterThanOrEqual(0);
    },
  );

  it('bare clouds (bandwidth 0): finite, also with every pair a tie for minibatch OT', () => {
    const d = dists(c, 0);
    const rounds = rectifiedFlow(d.source, d.target, options({ coupling: 'minibatch-ot', reflow: 0 }));
    expectAllFinite(rounds[0].losses);
    expectAllFinite(rounds[0].model);
    const field = new FlowField(rounds[0].model);
    expectAllFinite(run(straightnessSteps(field, c.x, 2)));
    expect(w2Squared(c.x, c.y)).toBeGreaterThanOrEqual(0);
  });
});

describe('flow scale laws', () => {
  const base = getCase('base');
  const train = (c: DegenerateCase) => {
    const d = dists(c, 0.03);
    const rounds = rectifiedFlow(d.source, d.target, options({ trainSteps: 20, reflow: 0 }));
    const samples = integrateFlow(new FlowField(rounds[0].model), c.x, { steps: 4 }).final;
    return { losses: rounds[0].losses, samples };
  };
  const ref = train(base);

  it.each([1e6, 1e-9])('at scale %s: samples × scale (1e-9), losses × scale² (1e-9 relative)', (s) => {
    const r = train(CASES.find((k) => k.scale === s)!);
    for (let e = 0; e < ref.samples.length; e++) {
      expect(Math.abs(r.samples[e] / s - ref.samples[e])).toBeLessThan(1e-9 * size(ref.samples));
    }
    for (let k = 0; k < ref.losses.length; k++) {
      expect(Math.abs(r.losses[k] / (s * s) - ref.losses[k])).toBeLessThan(1e-9 * ref.losses[k]);
    }
  });
});

describe('flow kernels: bad input is an error naming it', () => {
  const c = getCase('two points a side');
  const d = dists(c, 0.03);
  const field = new FlowField(rectifiedFlow(d.source, d.target, options({ reflow: 0 }))[0].model);

  it('integration steps 0, 201, 1.5 and metrics on nothing', () => {
    for (const steps of [0, 201, 1.5, NaN])
      expect(() => integrateFlow(field, c.x, { steps })).toThrow(/steps/);
    expect(() => run(straightnessSteps(field, new Float64Array(0), 2))).toThrow(/no points/);
    expect(() => run(straightnessSteps(field, c.x, 0))).toThrow(/steps/);
    expect(() => run(evaluateFlowSteps(field, d.source, d.target, { seed: 1, sampleSize: 0 }))).toThrow(
      /sampleSize/,
    );
  });

  it('training steps 0, batch 0, reflow −1, minibatch size 0', () => {
    const pairs = new DistributionPairs(d.source, d.target, 'independent');
    const frame = fitFrame(d.source, d.target);
    expect(() => new FlowTrainer(pairs, { seed: 1, steps: 0, frame })).toThrow(/steps/);
    expect(() => new FlowTrainer(pairs, { seed: 1, steps: 3, batchSize: 0, frame })).toThrow(/batchSize/);
    expect(() => rectifiedFlow(d.source, d.target, options({ reflow: -1 }))).toThrow(/reflow/);
    expect(() => new MinibatchOt(0)).toThrow(/size/);
  });

  it('cloud weights all zero, negative or NaN; bandwidth negative or NaN', () => {
    expect(() => new CloudDistribution(c.x, new Float64Array(2), 0)).toThrow(/weights sum to zero/);
    expect(() => new CloudDistribution(c.x, Float64Array.of(1, -1), 0)).toThrow(/weight 1/);
    expect(() => new CloudDistribution(c.x, Float64Array.of(1, NaN), 0)).toThrow(/weight 1/);
    expect(() => new CloudDistribution(c.x, null, -1)).toThrow(/bandwidth/);
    expect(() => new CloudDistribution(c.x, null, NaN)).toThrow(/bandwidth/);
    expect(() => new CloudDistribution(new Float64Array(0), null, 0)).toThrow(/n >= 1/);
  });

  it('weights near the float maximum sample as their ratios do (no overflow)', () => {
    const big = new CloudDistribution(c.x, Float64Array.of(1e308, 1e308), 0);
    const ref = new CloudDistribution(c.x, Float64Array.of(1, 1), 0);
    expect(big.mean).toEqual(ref.mean);
    expect(big.variance).toBe(ref.variance);
  });
});
