import { randomLcg } from 'd3-random';
import { describe, expect, it } from 'vitest';
import ref02 from '../fixtures/fusion_02_spirals_pair.json';
import {
  fitInputFrame,
  initClassifier,
  reframeClassifier,
  type ClassifierModel,
} from '../nets/classifier.ts';
import { ClassifierEvaluator, hiddenActivations } from '../nets/classifierEval.ts';
import { spirals } from '../nets/testData.ts';
import { activationCorrelation, activationMatching } from './activationMatching.ts';
import { ALIGNMENT_METHODS, alignModels } from './align.ts';
import { invertPermutation, permuteHidden, randomPermutations } from './permute.ts';
import { SOFT_PLANS, softAlignment } from './softAlignment.ts';
import { weightMatching } from './weightMatching.ts';

const e = ref02.expect;
const torchA: ClassifierModel = { spec: e.spec, frame: e.frame, params: Float64Array.from(e.paramsA) };
const torchB: ClassifierModel = { spec: e.spec, frame: e.frame, params: Float64Array.from(e.paramsB) };
const refPoints = Float64Array.from(ref02.scenario.clouds[0].points.flat());
const cloud = spirals(40, 11);
const frame = fitInputFrame(cloud.points);
const dot = (p: Float64Array, q: Float64Array) => p.reduce((s, v, k) => s + v * q[k], 0);

/** A random network with weights 3× the init (so units differ clearly), and B = A with shuffled units. */
function planted(spec: { width: number; depth: number; classes: number }, seed: number) {
  const a = initClassifier(spec, frame, randomLcg(seed));
  a.params.forEach((v, k) => (a.params[k] = 3 * v));
  const sigma = randomPermutations(spec.width, spec.depth, randomLcg(seed + 1));
  return { a, b: permuteHidden(a, sigma), sigma };
}

describe('weight matching', () => {
  it.each([
    [{ width: 8, depth: 1, classes: 3 }],
    [{ width: 64, depth: 2, classes: 3 }],
    [{ width: 32, depth: 4, classes: 5 }],
  ])('recovers a planted permutation exactly (%o)', (spec) => {
    const { a, b, sigma } = planted(spec, 7);
    const r = weightMatching(a, b);
    expect(r.converged).toBe(true);
    r.permutations.forEach((p, h) => expect(Array.from(p)).toEqual(Array.from(invertPermutation(sigma[h]))));
    expect(Array.from(permuteHidden(b, r.permutations).params)).toEqual(Array.from(a.params));
  });

  it('recovers it when B is stored in another input frame (compared in A frame)', () => {
    const spec = { width: 16, depth: 2, classes: 3 };
    const { a, b, sigma } = planted(spec, 9);
    const moved = reframeClassifier(b, { meanX: 5, meanY: -2, scaleX: 30, scaleY: 0.1 });
    const r = alignModels(a, moved, { method: 'weights' });
    r.permutations.forEach((p, h) => expect(Array.from(p)).toEqual(Array.from(invertPermutation(sigma[h]))));
    const diff = r.alignedB.params.reduce((s, v, k) => Math.max(s, Math.abs(v - a.params[k])), 0);
    expect(diff).toBeLessThan(1e-12);
  });

  it('finds the best permutation of a one-hidden-layer network (brute force over all 5! orders)', () => {
    const spec = { width: 5, depth: 1, classes: 2 };
    const a = initClassifier(spec, frame, randomLcg(1));
    const b = initClassifier(spec, frame, randomLcg(2));
    let best = -Infinity;
    const perm = [0, 1, 2, 3, 4];
    const visit = (k: number) => {
      if (k === 5) {
        best = Math.max(best, dot(a.params, permuteHidden(b, [Int32Array.from(perm)]).params));
        return;
      }
      for (let i = k; i < 5; i++) {
        [perm[k], perm[i]] = [perm[i], perm[k]];
        visit(k + 1);
        [perm[k], perm[i]] = [perm[i], perm[k]];
      }
    };
    visit(0);
    const r = weightMatching(a, b);
    expect(r.similarity).toBeCloseTo(best, 12);
    expect(dot(a.params, permuteHidden(b, r.permutations).params)).toBeCloseTo(r.similarity, 12);
  });

  it("reproduces PyTorch-trained networks' matching computed with SciPy (fixture fusion_02)", () => {
    const r = weightMatching(torchA, torchB, { seed: 0 });
    expect(r.permutations.map((p) => Array.from(p))).toEqual(e.weightPermutations);
    expect(Math.abs(r.similarity - e.weightSimilarity) / e.weightSimilarity).toBeLessThan(1e-12);
    // Whatever the layer order, the descent only climbs from the identity.
    for (let seed = 0; seed < 4; seed++) {
      const s = weightMatching(torchA, torchB, { seed });
      expect(s.converged).toBe(true);
      expect(s.similarity).toBeGreaterThan(dot(torchA.params, torchB.params));
    }
  });

  it('rejects models of different specs and bad options', () => {
    const other = initClassifier({ width: 8, depth: 2, classes: 3 }, frame, randomLcg(1));
    expect(() => weightMatching(torchA, other)).toThrow(/same width/);
    expect(() => weightMatching(torchA, torchB, { maxSweeps: 0 })).toThrow(/maxSweeps/);
    expect(() => weightMatching(torchA, torchB, { seed: 0.5 })).toThrow(/seed/);
  });
});

describe('activation matching', () => {
  it('recovers a planted permutation exactly on every unit active on the data', () => {
    const { a, b, sigma } = planted({ width: 32, depth: 3, classes: 3 }, 3);
    const perms = activationMatching(a, b, cloud.points);
    const za = hiddenActivations(a, cloud.points);
    let alive = 0;
    perms.forEach((p, h) => {
      const inv = invertPermutation(sigma[h]);
      for (let i = 0; i < 32; i++) {
        // A unit that is 0 on every point ties with every other such unit: any match is optimal.
        if (za[h].some((v, k) => k % 32 === i && v > 0)) {
          expect(p[i]).toBe(inv[i]);
          alive++;
        }
      }
    });
    expect(alive).toBeGreaterThan(60);
  });

  it('reaches the optimum SciPy found on the PyTorch pair (ties among dead units aside)', () => {
    const ours = activationMatching(torchA, torchB, refPoints);
    const za = hiddenActivations(torchA, refPoints);
    const zb = hiddenActivations(torchB, refPoints);
    const n = refPoints.length >> 1;
    e.activationPermutations.forEach((theirs, h) => {
      const S = activationCorrelation(za[h], zb[h], n);
      const w = e.spec.width;
      const value = (p: ArrayLike<number>) =>
        Array.from({ length: w }, (_, i) => S[i * w + p[i]]).reduce((s, v) => s + v, 0);
      expect(Math.abs(value(ours[h]) - value(theirs)) / value(theirs)).toBeLessThan(1e-12);
    });
  });

  it('averages E[z_A z_Bᵀ] over the samples', () => {
    // 2 samples, widths 2 and 3.
    const S = activationCorrelation(
      Float64Array.from([1, 2, 3, 4]),
      Float64Array.from([1, 0, 2, 0, 1, 1]),
      2,
    );
    expect(Array.from(S)).toEqual([
      (1 * 1 + 3 * 0) / 2,
      (0 + 3) / 2,
      (2 + 3) / 2,
      (2 + 0) / 2,
      (0 + 4) / 2,
      (4 + 4) / 2,
    ]);
  });
});

describe('OTFusion soft alignment', () => {
  it('undoes a planted permutation with the exact plan (a permutation plan)', () => {
    const { a, b, sigma } = planted({ width: 24, depth: 3, classes: 4 }, 5);
    const r = softAlignment(a, b);
    r.permutations.forEach((p, h) => expect(Array.from(p)).toEqual(Array.from(invertPermutation(sigma[h]))));
    const diff = r.aligned.params.reduce((s, v, k) => Math.max(s, Math.abs(v - a.params[k])), 0);
    expect(diff).toBeLessThan(1e-12);
  });

  it('matches the same alignment done with POT (ot.emd) on the PyTorch pair, to 1e-12', () => {
    const r = softAlignment(torchA, torchB);
    const diff = r.aligned.params.reduce((s, v, k) => Math.max(s, Math.abs(v - e.softAlignedB[k])), 0);
    expect(diff).toBeLessThan(ref02.tolerance.paramsAbsolute);
  });

  it('aligns networks of different widths onto A (plans with both marginals, A spec)', () => {
    const a = initClassifier({ width: 8, depth: 2, classes: 3 }, frame, randomLcg(1));
    const b = initClassifier({ width: 20, depth: 2, classes: 3 }, frame, randomLcg(2));
    for (const plan of SOFT_PLANS) {
      const r = softAlignment(a, b, { plan, epsilon: 0.05 });
      expect(r.aligned.spec).toEqual(a.spec);
      expect(r.aligned.params.every(Number.isFinite)).toBe(true);
      for (const T of r.plans) {
        for (let i = 0; i < 8; i++) {
          const row = T.slice(i * 20, i * 20 + 20).reduce((s, v) => s + v, 0);
          expect(Math.abs(row - 1 / 8)).toBeLessThan(1e-8);
        }
        for (let j = 0; j < 20; j++) {
          let col = 0;
          for (let i = 0; i < 8; i++) col += T[i * 20 + j];
          expect(Math.abs(col - 1 / 20)).toBeLessThan(1e-8);
        }
      }
    }
  });

  it('gives each of A units the average of the B units sent to it (B = A with every unit twice)', () => {
    const a = initClassifier({ width: 4, depth: 1, classes: 2 }, frame, randomLcg(3));
    const pa = a.params;
    // B: hidden unit 2i and 2i+1 both copy A's unit i; the output weights are halved (same function).
    const pb = new Float64Array(8 * 2 + 8 + 2 * 8 + 2);
    for (let j = 0; j < 8; j++) {
      const i = j >> 1;
      pb[2 * j] = pa[2 * i];
      pb[2 * j + 1] = pa[2 * i + 1];
      pb[16 + j] = pa[8 + i];
      for (let r = 0; r < 2; r++) pb[24 + 8 * r + j] = pa[12 + 4 * r + i] / 2;
    }
    pb[40] = pa[20];
    pb[41] = pa[21];
    const b = { spec: { width: 8, depth: 1, classes: 2 }, params: pb, frame };
    const ev = new ClassifierEvaluator(b.spec);
    const la = new ClassifierEvaluator(a.spec).logits(a, cloud.points);
    ev.logits(b, cloud.points).forEach((v, k) => expect(v).toBeCloseTo(la[k], 13));
    const r = softAlignment(a, b);
    // Hidden rows: the average of two equal rows is A's row.
    for (let k = 0; k < 12; k++) expect(r.aligned.params[k]).toBeCloseTo(pa[k], 14);
    // Output columns: B's (halved) weights summed over the pair, times the plan scaled by A width.
    for (let k = 12; k < 20; k++) expect(r.aligned.params[k]).toBeCloseTo(pa[k] / 2, 14);
  });

  it('rejects different depths and a bad epsilon', () => {
    const deep = initClassifier({ width: 32, depth: 3, classes: 3 }, frame, randomLcg(1));
    expect(() => softAlignment(torchA, deep)).toThrow(/same depth/);
    expect(() => softAlignment(torchA, torchB, { plan: 'sinkhorn', epsilon: 0 })).toThrow(/epsilon/);
  });
});

describe('alignModels', () => {
  it('needs points for activation matching, equal specs for permutations, and a known method', () => {
    const wide = initClassifier({ width: 40, depth: 2, classes: 3 }, frame, randomLcg(1));
    expect(() => alignModels(torchA, torchB, { method: 'activations' })).toThrow(/needs the points/);
    expect(() => alignModels(torchA, wide, { method: 'weights' })).toThrow(/same spec/);
    expect(() => alignModels(torchA, torchB, { method: 'magic' as 'soft' })).toThrow(/method must be/);
    expect(alignModels(torchA, wide, { method: 'soft' }).alignedB.spec).toEqual(torchA.spec);
  });
});

describe('alignment of degenerate networks', () => {
  const zero = (width: number, depth: number) => {
    const m = initClassifier({ width, depth, classes: 2 }, frame, randomLcg(1));
    m.params.fill(0);
    return m;
  };
  const one = initClassifier({ width: 1, depth: 3, classes: 2 }, frame, randomLcg(2));
  it.each([
    ['all-zero networks', zero(6, 2), zero(6, 2)],
    ['one unit per layer', one, initClassifier({ width: 1, depth: 3, classes: 2 }, frame, randomLcg(3))],
    ['a network and itself', one, one],
  ])('gives finite permutations and an aligned model: %s', (_name, a, b) => {
    for (const method of ALIGNMENT_METHODS) {
      for (const plan of SOFT_PLANS) {
        const r = alignModels(a, b, { method, plan, points: cloud.points });
        expect(r.alignedB.params.every(Number.isFinite)).toBe(true);
        // A soft plan's summary need not be a permutation (a uniform plan sends every unit to unit 0).
        if (method !== 'soft' || plan === 'exact')
          r.permutations.forEach((p) => expect(new Set(p).size).toBe(a.spec.width));
        r.permutations.forEach((p) => expect(p.every((j) => j >= 0 && j < b.spec.width)).toBe(true));
      }
    }
  });
});
