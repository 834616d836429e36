import { randomLcg } from 'd3-random';
import { describe, expect, it } from 'vitest';
import ref02 from '../fixtures/fusion_02_spirals_pair.json';
import {
  fitInputFrame,
  initClassifier,
  reframeClassifier,
  type ClassifierModel,
} from '../nets/classifier.ts';
import { scoreClassifier } from '../nets/classifierEval.ts';
import { spirals } from '../nets/testData.ts';
import {
  compareBarriers,
  interpolateModels,
  interpolationCurve,
  lambdaGrid,
  lossBarrier,
} from './barrier.ts';
import { permuteHidden, randomPermutations } from './permute.ts';
import { softAlignment } from './softAlignment.ts';

const e = ref02.expect;
const torchA: ClassifierModel = { spec: e.spec, frame: e.frame, params: Float64Array.from(e.paramsA) };
const torchB: ClassifierModel = { spec: e.spec, frame: e.frame, params: Float64Array.from(e.paramsB) };
const refPoints = Float64Array.from(ref02.scenario.clouds[0].points.flat());
const refLabels = ref02.scenario.clouds[0].labels;
const tol = ref02.tolerance.curveRelative;

function expectCurve(loss: Float64Array, accuracy: Float64Array, refLoss: number[], refAccuracy: number[]) {
  loss.forEach((v, k) => expect(Math.abs(v - refLoss[k]) / refLoss[k]).toBeLessThan(tol));
  // Accuracy counts points: equal whenever no logit sits within rounding of a tie.
  expect(Array.from(accuracy)).toEqual(refAccuracy);
}

describe('interpolation curves against NumPy (fixture fusion_02, PyTorch-trained pair)', () => {
  it('gives the naive curve and barrier', () => {
    const c = interpolationCurve(torchA, torchB, refPoints, refLabels);
    expectCurve(c.loss, c.accuracy, e.lossNaive, e.accuracyNaive);
    expect(Math.abs(c.barrier - e.barrierNaive) / e.barrierNaive).toBeLessThan(tol);
  });

  it('gives the weight-matched curve from the SciPy permutations', () => {
    const aligned = permuteHidden(
      torchB,
      e.weightPermutations.map((p) => Int32Array.from(p)),
    );
    const c = interpolationCurve(torchA, aligned, refPoints, refLabels);
    expectCurve(c.loss, c.accuracy, e.lossWeights, e.accuracyWeights);
    expect(Math.abs(c.barrier - e.barrierWeights) / e.barrierWeights).toBeLessThan(tol);
  });

  it('gives the OTFusion curve from our alignment', () => {
    const c = interpolationCurve(torchA, softAlignment(torchA, torchB).aligned, refPoints, refLabels);
    expectCurve(c.loss, c.accuracy, e.lossSoft, e.accuracySoft);
  });
});

describe('merging', () => {
  const cloud = spirals(30, 4);
  const frame = fitInputFrame(cloud.points);
  const spec = { width: 16, depth: 2, classes: 3 };
  const a = initClassifier(spec, frame, randomLcg(1));
  const b = initClassifier(spec, frame, randomLcg(2));

  it('interpolates parameters: λ = 0 is A, λ = 1 is B, λ = 0.5 the mean', () => {
    expect(Array.from(interpolateModels(a, b, 0).params)).toEqual(Array.from(a.params));
    expect(Array.from(interpolateModels(a, b, 1).params)).toEqual(Array.from(b.params));
    const mid = interpolateModels(a, b, 0.5).params;
    mid.forEach((v, k) => expect(v).toBeCloseTo((a.params[k] + b.params[k]) / 2, 15));
    expect(lambdaGrid()[12]).toBe(0.5);
    expect(lambdaGrid().length).toBe(25);
  });

  it('measures the barrier above the chord between the ends', () => {
    const lambdas = lambdaGrid(5);
    // Ends 1 and 3: the chord is 1, 1.5, 2, 2.5, 3; the largest excess is 4 − 2 at λ = 0.5.
    expect(lossBarrier(Float64Array.from([1, 2, 4, 2.5, 3]), lambdas)).toBe(2);
    // A straight or convex path has no barrier.
    expect(lossBarrier(Float64Array.from([1, 1.5, 2, 2.5, 3]), lambdas)).toBe(0);
    expect(lossBarrier(Float64Array.from([1, 0.5, 0.4, 0.5, 1]), lambdas)).toBe(0);
  });

  it('scores each end of the curve as the model itself', () => {
    const c = interpolationCurve(a, b, cloud.points, cloud.labels);
    expect(c.loss[0]).toBe(scoreClassifier(a, cloud.points, cloud.labels).loss);
    expect(c.loss[24]).toBe(scoreClassifier(b, cloud.points, cloud.labels).loss);
  });

  it.each(['weights', 'activations', 'soft'] as const)(
    'has no aligned barrier between a network and its shuffled copy (%s), while the naive one is large',
    (method) => {
      const big = { ...a, params: a.params.map((v) => 4 * v) };
      const shuffled = permuteHidden(big, randomPermutations(16, 2, randomLcg(3)));
      const r = compareBarriers(big, shuffled, cloud.points, cloud.labels, { method });
      expect(r.barrierAligned).toBeLessThan(1e-12);
      r.lossAligned.forEach((v) => expect(Math.abs(v - r.lossAligned[0])).toBeLessThan(1e-12));
      expect(r.barrierNaive).toBeGreaterThan(0.05);
    },
  );

  it('re-expresses B in A frame for the naive curve, and refuses different frames when interpolating', () => {
    const moved = reframeClassifier(b, { meanX: 1, meanY: 2, scaleX: 3, scaleY: 4 });
    expect(() => interpolateModels(a, moved, 0.5)).toThrow(/same input frame/);
    const r1 = compareBarriers(a, b, cloud.points, cloud.labels, { method: 'weights' });
    const r2 = compareBarriers(a, moved, cloud.points, cloud.labels, { method: 'weights' });
    r1.lossNaive.forEach((v, k) => expect(r2.lossNaive[k]).toBeCloseTo(v, 12));
    expect(() => interpolateModels(a, b, NaN)).toThrow(/finite/);
    expect(() => lambdaGrid(1)).toThrow(/count/);
  });
});
