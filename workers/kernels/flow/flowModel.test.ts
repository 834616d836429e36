import { randomLcg } from 'd3-random';
import { describe, expect, it } from 'vitest';
import { rectifiedFlow } from './flow.ts';
import {
  FlowField,
  fitFrame,
  flowMlpSpec,
  flowParamCount,
  writeFlowInput,
  type FlowModel,
} from './flowModel.ts';
import { CloudDistribution } from './flowSampling.ts';
import { gaussianBlob } from './flowTestKit.ts';
import { initMlp, Mlp } from '../nets/mlp.ts';

describe('flow model', () => {
  it('fits a frame that gives the pooled distributions unit variance per axis', () => {
    // Means (0, 0) and (4, 0), total variances 2 and 6: about c = (2, 0) the per-axis second
    // moment is ((2 + 4) + (6 + 4)) / 4 = 4.
    const f = fitFrame({ mean: [0, 0], variance: 2 }, { mean: [4, 0], variance: 6 });
    expect(f).toEqual({ cx: 2, cy: 0, scale: 2 });
    // A single point on each side, at the same place: a tiny positive scale, not zero.
    expect(fitFrame({ mean: [5, 5], variance: 0 }, { mean: [5, 5], variance: 0 }).scale).toBeGreaterThan(0);
  });

  it('feeds (x, y, t, sin πkt, cos πkt) and returns scale · network output', () => {
    const net = { width: 8, depth: 2, timeFeatures: 2 };
    const spec = flowMlpSpec(net);
    expect(spec.inputs).toBe(7);
    const params = new Float64Array(flowParamCount(net));
    initMlp(spec, params, randomLcg(1));
    const model: FlowModel = { net, params, frame: { cx: 1, cy: -2, scale: 3 } };
    const x = Float64Array.from([4, 1, -2, 0.5]);
    const out = new Float64Array(4);
    new FlowField(model, 1).velocity(x, 2, 0.25, out); // chunks of one point
    const mlp = new Mlp(spec, 2);
    writeFlowInput(mlp.input, 0, 2, 1, 1, 0.25);
    writeFlowInput(mlp.input, 1, 2, -1, 2.5 / 3, 0.25);
    expect(Array.from(mlp.input.subarray(0, 7))).toEqual([
      1,
      1,
      0.25,
      Math.sin(Math.PI / 4),
      Math.cos(Math.PI / 4),
      Math.sin(Math.PI / 2),
      Math.cos(Math.PI / 2),
    ]);
    const w = mlp.forward(params, 2);
    for (let e = 0; e < 4; e++) expect(out[e]).toBeCloseTo(3 * w[e], 12);
  });

  it('trains the same flow, in plane units, on a moved and scaled copy of the problem', () => {
    const src = gaussianBlob(100, [0, 0], 0.5, 1);
    const tgt = gaussianBlob(100, [2, 1], 0.3, 2);
    const move = (p: Float64Array) => p.map((v, e) => 10 * v + (e % 2 === 0 ? 100 : -50));
    const opts = { seed: 4, trainSteps: 30, batchSize: 32, net: { width: 8, depth: 1, timeFeatures: 0 } };
    const [a] = rectifiedFlow(
      new CloudDistribution(src, null, 0.1),
      new CloudDistribution(tgt, null, 0.1),
      opts,
    );
    const [b] = rectifiedFlow(
      new CloudDistribution(move(src), null, 1),
      new CloudDistribution(move(tgt), null, 1),
      opts,
    );
    const va = new Float64Array(2);
    const vb = new Float64Array(2);
    new FlowField(a.model).velocity(Float64Array.from([0.5, 0.5]), 1, 0.5, va);
    new FlowField(b.model).velocity(move(Float64Array.from([0.5, 0.5])), 1, 0.5, vb);
    expect(vb[0]).toBeCloseTo(10 * va[0], 6);
    expect(vb[1]).toBeCloseTo(10 * va[1], 6);
  });

  it('rejects weights of the wrong length', () => {
    const net = { width: 4, depth: 1, timeFeatures: 0 };
    expect(
      () => new FlowField({ net, params: new Float64Array(3), frame: { cx: 0, cy: 0, scale: 1 } }),
    ).toThrow(RangeError);
  });
});
