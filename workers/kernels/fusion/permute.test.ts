import { randomLcg } from 'd3-random';
import { describe, expect, it } from 'vitest';
import { classifierLayers, fitInputFrame, initClassifier } from '../nets/classifier.ts';
import { ClassifierEvaluator } from '../nets/classifierEval.ts';
import { spirals } from '../nets/testData.ts';
import {
  checkPermutations,
  composePermutations,
  identityPermutations,
  invertPermutation,
  permuteHidden,
  randomPermutations,
} from './permute.ts';

const cloud = spirals(50, 2);
const frame = fitInputFrame(cloud.points);

describe('permuteHidden', () => {
  it.each([
    [{ width: 8, depth: 1, classes: 3 }],
    [{ width: 16, depth: 3, classes: 4 }],
    [{ width: 64, depth: 2, classes: 3 }],
  ])('leaves the function unchanged, logits and hidden sets to 1e-12 relative (%o)', (spec) => {
    const model = initClassifier(spec, frame, randomLcg(3));
    // Larger weights than the init so every unit matters.
    model.params.forEach((v, k) => (model.params[k] = 3 * v));
    const perms = randomPermutations(spec.width, spec.depth, randomLcg(4));
    const permuted = permuteHidden(model, perms);
    const ev = new ClassifierEvaluator(spec);
    const before = ev.logits(model, cloud.points);
    const after = ev.logits(permuted, cloud.points);
    const scale = before.reduce((s, v) => Math.max(s, Math.abs(v)), 0);
    let worst = 0;
    for (let k = 0; k < before.length; k++) worst = Math.max(worst, Math.abs(after[k] - before[k]));
    expect(worst / scale).toBeLessThan(1e-12);
    // Hidden unit i of the permuted model is unit perms[h][i] of the original, value for value.
    const hb = ev.hidden(model, cloud.points);
    const ha = ev.hidden(permuted, cloud.points);
    for (let h = 0; h < spec.depth; h++) {
      for (const i of [0, spec.width - 1]) {
        for (let s = 0; s < 10; s++) {
          const diff = Math.abs(ha[h][s * spec.width + i] - hb[h][s * spec.width + perms[h][i]]);
          expect(diff).toBeLessThan(1e-12 * scale);
        }
      }
    }
    // A permutation only moves parameters: the multiset of values is unchanged.
    expect(permuted.params.length).toBe(model.params.length);
    expect(Array.from(permuted.params).sort()).toEqual(Array.from(model.params).sort());
  });

  it('moves exactly the rows of W_h and b_h and the columns of W_{h+1}', () => {
    const spec = { width: 3, depth: 1, classes: 2 };
    const model = initClassifier(spec, frame, randomLcg(1));
    const [L0, L1] = classifierLayers(spec);
    const p = Int32Array.from([2, 0, 1]);
    const out = permuteHidden(model, [p]).params;
    const src = model.params;
    for (let i = 0; i < 3; i++) {
      expect([out[L0.w + 2 * i], out[L0.w + 2 * i + 1], out[L0.b + i]]).toEqual([
        src[L0.w + 2 * p[i]],
        src[L0.w + 2 * p[i] + 1],
        src[L0.b + p[i]],
      ]);
      for (let r = 0; r < 2; r++) expect(out[L1.w + 3 * r + i]).toBe(src[L1.w + 3 * r + p[i]]);
    }
    expect(Array.from(out.subarray(L1.b))).toEqual(Array.from(src.subarray(L1.b)));
  });

  it('inverts and composes: applying p then q is compose(p, q); p then its inverse is the identity', () => {
    const spec = { width: 10, depth: 2, classes: 3 };
    const model = initClassifier(spec, frame, randomLcg(2));
    const p = randomPermutations(10, 2, randomLcg(5));
    const q = randomPermutations(10, 2, randomLcg(6));
    const twice = permuteHidden(permuteHidden(model, p), q);
    expect(Array.from(permuteHidden(model, composePermutations(p, q)).params)).toEqual(
      Array.from(twice.params),
    );
    const back = permuteHidden(permuteHidden(model, p), p.map(invertPermutation));
    expect(Array.from(back.params)).toEqual(Array.from(model.params));
    expect(Array.from(permuteHidden(model, identityPermutations(10, 2)).params)).toEqual(
      Array.from(model.params),
    );
  });

  it.each([
    ['too few layers', [Int32Array.from([0, 1, 2])], /expected 2 permutations/],
    ['a short permutation', [Int32Array.from([0, 1]), Int32Array.from([0, 1, 2])], /3 entries/],
    ['a repeated unit', [Int32Array.from([0, 0, 2]), Int32Array.from([0, 1, 2])], /not a permutation/],
    ['an index out of range', [Int32Array.from([0, 1, 3]), Int32Array.from([0, 1, 2])], /not a permutation/],
  ])('rejects %s', (_name, perms, message) => {
    expect(() => checkPermutations(perms, 3, 2, 'test')).toThrow(RangeError);
    expect(() => checkPermutations(perms, 3, 2, 'test')).toThrow(message);
  });
});
