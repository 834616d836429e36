import { randomLcg } from 'd3-random';
import { describe, expect, it } from 'vitest';
import { subSeed } from '../flow/flow.ts';
import { blobs, spirals } from '../nets/testData.ts';
import {
  fusionExperiment,
  fusionExperimentSteps,
  predictLabels,
  type FusionExperimentResult,
} from './experiment.ts';
import { checkPermutations, invertPermutation, randomPermutations } from './permute.ts';

const threeSpirals = spirals(150, 1);

function expectFinite(r: FusionExperimentResult) {
  for (const key of ['lossNaive', 'lossAligned', 'accuracyNaive', 'accuracyAligned', 'lambdas'] as const) {
    expect(r[key].length).toBe(25);
    expect(r[key].every(Number.isFinite)).toBe(true);
  }
  expect(Number.isFinite(r.barrierNaive) && Number.isFinite(r.barrierAligned)).toBe(true);
  expect(r.alignedB.params.every(Number.isFinite)).toBe(true);
}

describe('fusionExperiment', () => {
  it('with the defaults, trains both models to >= 95% on three spirals and aligns them', () => {
    const phases: string[] = [];
    let snapshots = 0;
    const gen = fusionExperimentSteps(threeSpirals.points, threeSpirals.labels);
    let r = gen.next();
    while (!r.done) {
      if (phases.at(-1) !== r.value.phase) phases.push(r.value.phase);
      if (r.value.snapshot) snapshots++;
      r = gen.next();
    }
    const res = r.value;
    expect(phases).toEqual(['train-a', 'train-b']);
    expect(snapshots).toBe(20);
    expect(res.accuracyA).toBeGreaterThanOrEqual(0.95);
    expect(res.accuracyB).toBeGreaterThanOrEqual(0.95);
    expect(res.lossesA.length).toBe(1000);
    expect(res.lambdas[12]).toBe(0.5);
    expectFinite(res);
    expect(res.barrierAligned).toBeLessThan(0.5 * res.barrierNaive);
    expect(res.accuracyAligned[12]).toBeGreaterThan(0.9);
    checkPermutations(res.permutations, 64, 2, 'result');
    // The curves start at A: loss and accuracy at λ = 0 are A's.
    expect(res.accuracyNaive[0]).toBe(res.accuracyA);
    expect(res.accuracyAligned[0]).toBe(res.accuracyA);
  });

  it.each(['weights', 'activations', 'soft'] as const)(
    "undoes the shuffle of modelB = 'permuted' exactly (%s): aligned barrier 0 up to rounding",
    (alignment) => {
      const seed = 5;
      const r = fusionExperiment(threeSpirals.points, threeSpirals.labels, {
        alignment,
        modelB: 'permuted',
        seed,
        width: 32,
        trainSteps: 200,
      });
      expect(r.barrierAligned).toBeLessThan(1e-12);
      expect(r.barrierNaive).toBeGreaterThan(0.1);
      r.lossAligned.forEach((v) => expect(Math.abs(v - r.lossAligned[0])).toBeLessThan(1e-12));
      expect(r.accuracyB).toBe(r.accuracyA);
      expect(r.lossesB.length).toBe(0);
      // The shuffle is drawn from subSeed(seed, 2); alignment returns its inverse (activation matching
      // may pair units silent on every point differently: they tie).
      const shuffle = randomPermutations(32, 2, randomLcg(subSeed(seed, 2)));
      if (alignment !== 'activations') {
        r.permutations.forEach((p, h) =>
          expect(Array.from(p)).toEqual(Array.from(invertPermutation(shuffle[h]))),
        );
      }
    },
  );

  it("trains A and B on chunks with data = 'split' and scores them on the whole cloud", () => {
    const r = fusionExperiment(threeSpirals.points, threeSpirals.labels, {
      data: 'split',
      width: 32,
      trainSteps: 200,
    });
    expectFinite(r);
    expect(r.lossesA.length).toBe(200);
    expect(r.lossesB.length).toBe(200);
    // Each model sees mostly its own classes: neither matches a model trained on everything.
    expect(Math.min(r.accuracyA, r.accuracyB)).toBeLessThan(0.95);
  });

  it('is reproducible: the sync run equals the generator run, and another seed differs', () => {
    const options = { width: 8, depth: 1, trainSteps: 40, seed: 3 };
    const a = fusionExperiment(threeSpirals.points, threeSpirals.labels, options);
    const gen = fusionExperimentSteps(threeSpirals.points, threeSpirals.labels, options);
    let r = gen.next();
    while (!r.done) r = gen.next();
    expect(Array.from(r.value.lossAligned)).toEqual(Array.from(a.lossAligned));
    const b = fusionExperiment(threeSpirals.points, threeSpirals.labels, { ...options, seed: 4 });
    expect(Array.from(b.modelA.params)).not.toEqual(Array.from(a.modelA.params));
  });

  it('predicts labels over a 100×100 grid', () => {
    const r = fusionExperiment(threeSpirals.points, threeSpirals.labels, { width: 16, trainSteps: 100 });
    const grid = Float64Array.from(
      { length: 2 * 10_000 },
      (_, k) => (k % 2 === 0 ? (k >> 1) % 100 : Math.floor(k / 200)) / 50 - 1,
    );
    const labels = predictLabels(r.modelA, grid);
    expect(labels.length).toBe(10_000);
    expect(new Set(labels).size).toBe(3);
  });
});

describe('fusionExperiment on degenerate data', () => {
  const tiny = { width: 8, depth: 1, trainSteps: 30 };
  const base = blobs(
    10,
    [
      [0, 0],
      [2, 1],
    ],
    0.4,
    3,
  );
  it.each([
    ['two points of two classes', Float64Array.from([0, 0, 1, 1]), [0, 1]],
    ['every point the same', new Float64Array(12).fill(0.3), [0, 1, 0, 1, 0, 1]],
    ['points on a line', Float64Array.from([0, 2, 1, 2, 2, 2, 3, 2]), [0, 0, 1, 1]],
    ['coordinates at 1e-9', base.points.map((v) => v * 1e-9), base.labels],
    ['coordinates at 1e6', base.points.map((v) => v * 1e6), base.labels],
    ['classes 3 and 7 only', base.points, base.labels.map((y) => (y === 0 ? 3 : 7))],
  ])('gives finite results: %s', (_name, points, labels) => {
    for (const alignment of ['weights', 'activations', 'soft'] as const) {
      expectFinite(fusionExperiment(points, labels, { ...tiny, alignment }));
    }
  });

  it('is scale-covariant: the unit cloud at 1e-9 and 1e6 gives the same curves (1e-9 relative)', () => {
    const unit = fusionExperiment(base.points, base.labels, tiny);
    for (const s of [1e-9, 1e6]) {
      const r = fusionExperiment(
        base.points.map((v) => v * s),
        base.labels,
        tiny,
      );
      r.lossAligned.forEach((v, k) =>
        expect(Math.abs(v - unit.lossAligned[k]) / unit.lossAligned[k]).toBeLessThan(1e-9),
      );
    }
  });

  it.each([
    ['no labels', null, {}, /no labels/],
    ['empty labels', [], {}, /no labels/],
    ['a single class', new Array(20).fill(1), {}, /single class/],
    ['labels of the wrong length', [0, 1], {}, /one label per point/],
    ['a label of 10', [...new Array(19).fill(0), 10], {}, /integers in 0..9/],
    ["data 'other'", base.labels, { data: 'other' }, /data must be/],
    ["modelB 'other'", base.labels, { modelB: 'other' }, /modelB must be/],
    ['a negative seed', base.labels, { seed: -1 }, /seed/],
    ['width 0', base.labels, { width: 0 }, /width/],
    ['an unknown alignment', base.labels, { alignment: 'other' }, /method must be/],
  ])('rejects %s with a RangeError', (_name, labels, options, message) => {
    const call = () => fusionExperiment(base.points, labels, { ...tiny, ...(options as object) });
    expect(call).toThrow(RangeError);
    expect(call).toThrow(message);
  });
});
