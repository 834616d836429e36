import { describe, expect, it } from 'vitest';
import { fitInputFrame } from './classifier.ts';
import { scoreClassifier } from './classifierEval.ts';
import {
  ClassifierTrainer,
  trainClassifier,
  trainClassifierSteps,
  type ClassifierTrainProgress,
} from './classifierTrain.ts';
import { blobs, spirals } from './testData.ts';

const small = { width: 16, depth: 2, steps: 60, batchSize: 32 };
const data = spirals(40, 5);

describe('trainClassifier', () => {
  it('is bit-identical for the same seed and differs for another', () => {
    const a = trainClassifier(data.points, data.labels, { seed: 1, ...small });
    const b = trainClassifier(data.points, data.labels, { seed: 1, ...small });
    const c = trainClassifier(data.points, data.labels, { seed: 2, ...small });
    expect(Array.from(a.model.params)).toEqual(Array.from(b.model.params));
    expect(Array.from(a.losses)).toEqual(Array.from(b.losses));
    expect(Array.from(a.model.params)).not.toEqual(Array.from(c.model.params));
  });

  it('learns separable blobs to 100% and lowers the loss', () => {
    const d = blobs(
      30,
      [
        [0, 0],
        [3, 0],
        [0, 3],
      ],
      0.3,
      2,
    );
    const r = trainClassifier(d.points, d.labels, { seed: 3, width: 8, depth: 1, steps: 150 });
    expect(scoreClassifier(r.model, d.points, d.labels).accuracy).toBe(1);
    const mean = (from: number, to: number) =>
      r.losses.slice(from, to).reduce((s, v) => s + v, 0) / (to - from);
    expect(mean(140, 150)).toBeLessThan(0.2 * mean(0, 10));
  });

  it('yields every yieldEvery steps with the mean loss since the last yield, snapshots on schedule', () => {
    const progress: ClassifierTrainProgress[] = [];
    const gen = trainClassifierSteps(data.points, data.labels, {
      seed: 4,
      ...small,
      steps: 45,
      yieldEvery: 10,
      snapshotEvery: 20,
    });
    let r = gen.next();
    const models = [];
    while (!r.done) {
      progress.push(r.value);
      models.push(r.value.model());
      r = gen.next();
    }
    expect(progress.map((p) => p.step)).toEqual([10, 20, 30, 40, 45]);
    expect(progress.map((p) => p.snapshot !== null)).toEqual([false, true, false, true, true]);
    const { losses, model } = r.value;
    expect(progress[1].loss).toBeCloseTo(losses.slice(10, 20).reduce((s, v) => s + v, 0) / 10, 14);
    expect(progress[4].loss).toBeCloseTo(losses.slice(40, 45).reduce((s, v) => s + v, 0) / 5, 14);
    // model() is the state at that yield: the last one is the result; the generator equals the sync run.
    expect(Array.from(models[4].params)).toEqual(Array.from(model.params));
    expect(Array.from(progress[3].snapshot!.params)).toEqual(Array.from(models[3].params));
    const sync = trainClassifier(data.points, data.labels, { seed: 4, ...small, steps: 45 });
    expect(Array.from(sync.model.params)).toEqual(Array.from(model.params));
  });

  it('continues from a model: spec and frame kept, loss lower after 30 more steps', () => {
    const first = trainClassifier(data.points, data.labels, { seed: 6, ...small, steps: 30 });
    const more = trainClassifier(data.points, data.labels, {
      seed: 7,
      ...small,
      steps: 30,
      init: first.model,
    });
    expect(more.model.spec).toEqual(first.model.spec);
    expect(more.model.frame).toEqual(first.model.frame);
    expect(Array.from(first.model.params)).not.toEqual(Array.from(more.model.params));
    expect(scoreClassifier(more.model, data.points, data.labels).loss).toBeLessThan(
      scoreClassifier(first.model, data.points, data.labels).loss,
    );
  });

  it('uses every point once per epoch: a full-batch step sees the whole cloud', () => {
    const t = new ClassifierTrainer(data.points, data.labels, { seed: 8, ...small, batchSize: 1000 });
    expect(t.batchSize).toBe(120);
    const loss = t.trainStep();
    // The first step's minibatch loss is the initial model's loss on the whole cloud.
    const t2 = new ClassifierTrainer(data.points, data.labels, { seed: 8, ...small, batchSize: 1000 });
    expect(loss).toBeCloseTo(scoreClassifier(t2.model(), data.points, data.labels).loss, 13);
  });

  it('is scale-covariant: clouds at 1e-9 and 1e6 train as the unit cloud (losses to 1e-9 relative)', () => {
    const base = trainClassifier(data.points, data.labels, { seed: 9, ...small, steps: 30 });
    for (const s of [1e-9, 1e6]) {
      const scaled = data.points.map((v) => v * s);
      const r = trainClassifier(scaled, data.labels, { seed: 9, ...small, steps: 30 });
      expect(r.model.frame.scaleX / base.model.frame.scaleX / s).toBeCloseTo(1, 12);
      for (let k = 0; k < 30; k++)
        expect(Math.abs(r.losses[k] - base.losses[k]) / base.losses[k]).toBeLessThan(1e-9);
    }
  });

  it.each([
    ['one point', Float64Array.from([0.5, 0.5]), [1], { classes: 2 }],
    ['two points of two classes', Float64Array.from([0, 0, 1, 1]), [0, 1], {}],
    ['every point the same, two classes', new Float64Array(8).fill(3), [0, 1, 0, 1], {}],
    ['points on a line', Float64Array.from([0, 1, 1, 1, 2, 1, 3, 1]), [0, 0, 1, 1], {}],
    ['a chunk of one class in a 3-class model', Float64Array.from([0, 0, 1, 0]), [2, 2], { classes: 3 }],
  ])('trains on a degenerate cloud to a finite model: %s', (_name, points, labels, extra) => {
    const r = trainClassifier(points, labels, { seed: 1, width: 4, depth: 2, steps: 20, ...extra });
    expect(r.model.params.every(Number.isFinite)).toBe(true);
    expect(r.losses.every(Number.isFinite)).toBe(true);
    expect(r.model.frame).toEqual(fitInputFrame(points));
  });

  it.each([
    [
      'a single class without options.classes',
      () => trainClassifier(data.points, new Int32Array(120), { seed: 1 }),
      /single class/,
    ],
    [
      'a label of 10',
      () => trainClassifier(data.points.slice(0, 4), [0, 10], { seed: 1 }),
      /labels must be integers/,
    ],
    ['no points', () => trainClassifier(new Float64Array(0), [], { seed: 1 }), /at least 1/],
    ['steps 0', () => trainClassifier(data.points, data.labels, { seed: 1, steps: 0 }), /steps/],
    ['batch 1.5', () => trainClassifier(data.points, data.labels, { seed: 1, batchSize: 1.5 }), /batchSize/],
    ['a negative seed', () => trainClassifier(data.points, data.labels, { seed: -1 }), /seed/],
    [
      'learning rate 0',
      () => trainClassifier(data.points, data.labels, { seed: 1, learningRate: 0 }),
      /learningRate/,
    ],
    ['width 2000', () => trainClassifier(data.points, data.labels, { seed: 1, width: 2000 }), /width/],
  ])('rejects %s with a RangeError', (_name, call, message) => {
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });
});
