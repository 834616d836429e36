import { randomLcg } from 'd3-random';
import { describe, expect, it } from 'vitest';
import ref00 from '../fixtures/fusion_00_exact_gradients.json';
import {
  checkModel,
  classifierLayers,
  classifierParamCount,
  fitInputFrame,
  initClassifier,
  reframeClassifier,
  type ClassifierModel,
} from './classifier.ts';
import {
  ClassifierEvaluator,
  classifierLossAndGradient,
  hiddenActivations,
  predictLabels,
  predictProbabilities,
  scoreClassifier,
} from './classifierEval.ts';
import { spirals } from './testData.ts';

/** max |x − y| / max(|y|) over two arrays. */
function relErr(x: ArrayLike<number>, y: ArrayLike<number>): number {
  let num = 0;
  let den = 0;
  for (let k = 0; k < y.length; k++) {
    num = Math.max(num, Math.abs(x[k] - y[k]));
    den = Math.max(den, Math.abs(y[k]));
  }
  return num / den;
}

const SPEC = { width: 16, depth: 2, classes: 3 };
const cloud = spirals(40, 3);
const model: ClassifierModel = initClassifier(SPEC, fitInputFrame(cloud.points), randomLcg(4));

describe('classifier against PyTorch autograd (float64)', () => {
  it.each(ref00.expect.cases.map((c) => [`${c.spec.width}×${c.spec.depth}`, c] as const))(
    'matches logits, loss and every gradient entry to 1e-12 relative (%s)',
    (_name, c) => {
      const m: ClassifierModel = { spec: c.spec, frame: c.frame, params: Float64Array.from(c.params) };
      const points = Float64Array.from(c.points.flat());
      const r = classifierLossAndGradient(m, points, c.labels);
      expect(relErr(r.logits, c.logits)).toBeLessThan(ref00.tolerance.relative);
      expect(Math.abs(r.loss - c.loss) / c.loss).toBeLessThan(ref00.tolerance.relative);
      expect(relErr(r.grad, c.grad)).toBeLessThan(ref00.tolerance.relative);
      // The evaluator's forward pass and loss agree with the training path.
      expect(relErr(new ClassifierEvaluator(m.spec).logits(m, points), c.logits)).toBeLessThan(1e-12);
      expect(scoreClassifier(m, points, c.labels).loss).toBeCloseTo(c.loss, 12);
    },
  );
});

describe('classifier layout and frame', () => {
  it('lays out the parameters per layer, W (fanOut×fanIn) then b', () => {
    expect(classifierLayers({ width: 4, depth: 2, classes: 3 })).toEqual([
      { fanIn: 2, fanOut: 4, w: 0, b: 8 },
      { fanIn: 4, fanOut: 4, w: 12, b: 28 },
      { fanIn: 4, fanOut: 3, w: 32, b: 44 },
    ]);
    // 3w + (depth − 1)(w² + w) + (w + 1)·classes.
    expect(classifierParamCount({ width: 64, depth: 2, classes: 3 })).toBe(192 + 4160 + 195);
  });

  it('fits the per-axis mean and population standard deviation', () => {
    const f = fitInputFrame(Float64Array.from([0, 10, 2, 10, 4, 16]));
    expect(f.meanX).toBe(2);
    expect(f.meanY).toBe(12);
    expect(f.scaleX).toBeCloseTo(Math.sqrt(8 / 3), 15);
    expect(f.scaleY).toBeCloseTo(Math.sqrt(24 / 3), 15);
  });

  it.each([
    ['a horizontal line borrows the x scale', [0, 5, 2, 5, 4, 5], [2, 5, Math.sqrt(8 / 3), Math.sqrt(8 / 3)]],
    ['a vertical line borrows the y scale', [7, 0, 7, 2, 7, 4], [7, 2, Math.sqrt(8 / 3), Math.sqrt(8 / 3)]],
    ['one point gets scale 1', [1e6, -3], [1e6, -3, 1, 1]],
    ['equal points get scale 1', [1e-9, 2e-9, 1e-9, 2e-9], [1e-9, 2e-9, 1, 1]],
  ])('fits a degenerate cloud: %s', (_name, pts, [mx, my, sx, sy]) => {
    const f = fitInputFrame(Float64Array.from(pts));
    expect([f.meanX, f.meanY]).toEqual([mx, my]);
    expect(f.scaleX).toBeCloseTo(sx, 14);
    expect(f.scaleY).toBeCloseTo(sy, 14);
  });

  it('re-expresses a model in another frame without changing its function (1e-12 relative)', () => {
    const frame = { meanX: 3, meanY: -1e3, scaleX: 1e-3, scaleY: 250 };
    const moved = reframeClassifier(model, frame);
    expect(moved.frame).toBe(frame);
    const ev = new ClassifierEvaluator(SPEC);
    expect(relErr(ev.logits(moved, cloud.points), ev.logits(model, cloud.points))).toBeLessThan(1e-12);
    // Only the first layer changes.
    const { b } = classifierLayers(SPEC)[0];
    expect(Array.from(moved.params.subarray(b + SPEC.width))).toEqual(
      Array.from(model.params.subarray(b + SPEC.width)),
    );
  });
});

describe('classifier evaluation', () => {
  it('gives probabilities that sum to 1 and labels that are their argmax', () => {
    const p = predictProbabilities(model, cloud.points);
    const labels = predictLabels(model, cloud.points);
    for (let i = 0; i < labels.length; i++) {
      const row = Array.from(p.subarray(3 * i, 3 * i + 3));
      expect(Math.abs(row[0] + row[1] + row[2] - 1)).toBeLessThan(1e-15);
      expect(row[labels[i]]).toBe(Math.max(...row));
    }
  });

  it('computes hidden outputs as ReLU(W u + b), layer by layer', () => {
    const [z0, z1] = hiddenActivations(model, cloud.points);
    const [L0, L1] = classifierLayers(SPEC);
    const p = model.params;
    const f = model.frame;
    let worst = 0;
    for (let i = 0; i < cloud.labels.length; i++) {
      const u = [(cloud.points[2 * i] - f.meanX) / f.scaleX, (cloud.points[2 * i + 1] - f.meanY) / f.scaleY];
      const h0 = Array.from({ length: 16 }, (_, r) =>
        Math.max(0, p[L0.b + r] + p[L0.w + 2 * r] * u[0] + p[L0.w + 2 * r + 1] * u[1]),
      );
      for (let r = 0; r < 16; r++) {
        let s = p[L1.b + r];
        for (let k = 0; k < 16; k++) s += p[L1.w + 16 * r + k] * h0[k];
        worst = Math.max(worst, Math.abs(z0[16 * i + r] - h0[r]), Math.abs(z1[16 * i + r] - Math.max(0, s)));
      }
    }
    expect(worst).toBeLessThan(1e-14);
  });

  it('gives each point the same logits whether it runs alone or in a chunk of a large batch', () => {
    const rand = randomLcg(8);
    const many = Float64Array.from({ length: 2 * 1100 }, () => 4 * rand() - 2);
    const ev = new ClassifierEvaluator(SPEC);
    const all = ev.logits(model, many);
    for (const i of [0, 511, 512, 1099]) {
      const one = ev.logits(model, many.slice(2 * i, 2 * i + 2));
      expect(Array.from(all.subarray(3 * i, 3 * i + 3))).toEqual(Array.from(one));
    }
  });

  it('scores loss and accuracy, and an empty query gives empty predictions', () => {
    const s = scoreClassifier(model, cloud.points, cloud.labels);
    const labels = predictLabels(model, cloud.points);
    expect(s.accuracy).toBe(labels.filter((y, i) => y === cloud.labels[i]).length / labels.length);
    expect(s.loss).toBeGreaterThan(0);
    expect(predictLabels(model, new Float64Array(0)).length).toBe(0);
  });
});

describe('classifier input checks', () => {
  const pts = cloud.points;
  it.each([
    ['an odd-length point array', () => predictLabels(model, new Float64Array(3)), /interleaved/],
    ['a NaN coordinate', () => predictLabels(model, Float64Array.from([0, NaN])), /finite/],
    ['labels of the wrong length', () => scoreClassifier(model, pts, [0, 1]), /one label per point/],
    ['a fractional label', () => scoreClassifier(model, pts.slice(0, 2), [0.5]), /integers in 0..2/],
    ['a label beyond the classes', () => scoreClassifier(model, pts.slice(0, 2), [3]), /integers in 0..2/],
    ['no points to score', () => scoreClassifier(model, new Float64Array(0), []), /at least 1/],
    ['width 0', () => initClassifier({ ...SPEC, width: 0 }, fitInputFrame(pts), randomLcg(0)), /width/],
    ['depth 9', () => initClassifier({ ...SPEC, depth: 9 }, fitInputFrame(pts), randomLcg(0)), /depth/],
    ['one class', () => initClassifier({ ...SPEC, classes: 1 }, fitInputFrame(pts), randomLcg(0)), /classes/],
    [
      '11 classes',
      () => initClassifier({ ...SPEC, classes: 11 }, fitInputFrame(pts), randomLcg(0)),
      /classes/,
    ],
    ['parameters of the wrong length', () => checkModel({ ...model, params: new Float64Array(3) }), /length/],
    [
      'a NaN parameter',
      () => checkModel({ ...model, params: model.params.map((v, k) => (k === 5 ? NaN : v)) }),
      /finite/,
    ],
    [
      'a zero scale',
      () => reframeClassifier(model, { meanX: 0, meanY: 0, scaleX: 0, scaleY: 1 }),
      /scales > 0/,
    ],
  ])('rejects %s with a RangeError', (_name, call, message) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });
});
