/**
 * Weight matching (Ainsworth, Hayase & Srinivasa, "Git Re-Basin", 2023, algorithm 1): the hidden
 * unit permutations π that maximise the inner product of the parameters,
 *
 *   Σ_l ⟨W_A,l, P_l W_B,l P_{l−1}ᵀ⟩ + ⟨b_A,l, P_l b_B,l⟩    (P_0 = P_{depth+1} = I),
 *
 * by coordinate descent: with the other layers fixed, layer h's permutation is a linear
 * assignment on S_h = W_A,h (W_B,h P_{h−1}ᵀ)ᵀ + b_A,h b_B,hᵀ + W_A,h+1ᵀ (P_{h+1} W_B,h+1), solved
 * exactly (`solveAssignment`, maximising). Sweeps visit the hidden layers in a seeded random order
 * and stop when a whole sweep changes no permutation. A layer's permutation changes only when the
 * new one raises the objective by more than rounding, so the objective never decreases and the
 * descent terminates.
 */
import { randomLcg } from 'd3-random';
import { solveAssignment } from '../exact/assignment.ts';
import { subSeed } from '../flow/flow.ts';
import { gemmABt } from '../nets/mlpGemm.ts';
import {
  checkModel,
  classifierLayers,
  reframeClassifier,
  sameSpec,
  type ClassifierModel,
} from '../nets/classifier.ts';
import { identityPermutations, permuteHidden, type Permutations } from './permute.ts';

/** Options of {@link weightMatching}. */
export interface WeightMatchingOptions {
  /** Seed of the random layer order, integer >= 0 (default 0). */
  seed?: number;
  /** Cap on sweeps over all hidden layers, integer >= 1 (default 100). */
  maxSweeps?: number;
}

/** Result of {@link weightMatching}. */
export interface WeightMatchingResult {
  /** perms[h][i]: B's unit matched to A's unit i in hidden layer h (see `permute.ts`). */
  permutations: Permutations;
  /** Sweeps made (the last one changed nothing when `converged`). */
  sweeps: number;
  /** True when a sweep changed no permutation before the cap. */
  converged: boolean;
  /** The objective reached, Σ_l ⟨W_A,l, π(W_B)_l⟩ + ⟨b_A,l, π(b_B)_l⟩ (B in A's frame). */
  similarity: number;
}

/**
 * Aligns B's hidden units to A's by weight matching. B is first expressed in A's input frame
 * (exactly, `reframeClassifier`), so first-layer weights are compared in the same coordinates.
 * @param a, b classifiers of the same spec
 * @throws RangeError when the specs differ or a model is malformed
 */
export function weightMatching(
  a: ClassifierModel,
  b: ClassifierModel,
  options: WeightMatchingOptions = {},
): WeightMatchingResult {
  checkModel(a, 'weightMatching model A');
  checkModel(b, 'weightMatching model B');
  if (!sameSpec(a.spec, b.spec))
    throw new RangeError('weightMatching: the two models need the same width, depth and classes');
  const seed = options.seed ?? 0;
  const maxSweeps = options.maxSweeps ?? 100;
  if (!Number.isInteger(seed) || seed < 0)
    throw new RangeError(`weightMatching: seed must be an integer >= 0 (got ${seed})`);
  if (!Number.isInteger(maxSweeps) || maxSweeps < 1)
    throw new RangeError(`weightMatching: maxSweeps must be an integer >= 1 (got ${maxSweeps})`);
  const pa = a.params;
  const pb = reframeClassifier(b, a.frame).params;
  const { width, depth } = a.spec;
  const layers = classifierLayers(a.spec);
  const perms = identityPermutations(width, depth);
  // Hashed: the LCG's first draw from a small integer seed is ~0.236 whatever the seed.
  const rand = randomLcg(subSeed(seed, 0));
  const order = Int32Array.from({ length: depth }, (_, h) => h);
  // Feature rows of each unit: [incoming weights | bias | outgoing weights], A's as is, B's with the
  // neighbouring layers' current permutations applied; S = featA · featBᵀ.
  const maxFeatures = Math.max(...layers.slice(0, depth).map((L, h) => L.fanIn + 1 + layers[h + 1].fanOut));
  const featA = new Float64Array(width * maxFeatures);
  const featB = new Float64Array(width * maxFeatures);
  const S = new Float64Array(width * width);
  const cost = new Float64Array(width * width);
  // Rounding of an entry of S is ~1e-16 × Σ|products|; a change must beat that many times over.
  const scale = pa.reduce((s, v) => s + v * v, 0) + pb.reduce((s, v) => s + v * v, 0);
  const minGain = 1e-12 * Math.max(scale, Number.MIN_VALUE);
  let sweeps = 0;
  let converged = false;
  while (sweeps < maxSweeps && !converged) {
    sweeps++;
    for (let i = depth - 1; i > 0; i--) {
      const j = Math.min(i, Math.floor(rand() * (i + 1)));
      const t = order[i];
      order[i] = order[j];
      order[j] = t;
    }
    let changed = false;
    for (const h of order) {
      const K = unitFeatures(pa, pb, layers, h, perms, featA, featB);
      gemmABt(featA, featB, 0, S, 0, width, width, K, null, 0);
      for (let e = 0; e < S.length; e++) cost[e] = -S[e];
      const next = solveAssignment(cost, width).rowToCol;
      const current = perms[h];
      let gain = 0;
      for (let i = 0; i < width; i++) gain += S[i * width + next[i]] - S[i * width + current[i]];
      if (gain > minGain) {
        perms[h] = next;
        changed = true;
      }
    }
    converged = !changed;
  }
  const aligned = permuteHidden({ spec: a.spec, params: pb, frame: a.frame }, perms).params;
  let similarity = 0;
  for (let k = 0; k < pa.length; k++) similarity += pa[k] * aligned[k];
  return { permutations: perms, sweeps, converged, similarity };
}

/**
 * Fills featA and featB (width×K, row-major) with each unit's features for hidden layer h and
 * returns K = fanIn + 1 + fanOut of the next layer. B's incoming columns follow perms[h − 1]
 * and its outgoing rows perms[h + 1] (none at the network's ends).
 */
function unitFeatures(
  pa: Float64Array,
  pb: Float64Array,
  layers: ReturnType<typeof classifierLayers>,
  h: number,
  perms: Permutations,
  featA: Float64Array,
  featB: Float64Array,
): number {
  const inL = layers[h];
  const outL = layers[h + 1];
  const fanIn = inL.fanIn;
  const R = outL.fanOut;
  const K = fanIn + 1 + R;
  const cols = h > 0 ? perms[h - 1] : null;
  const rows = h + 1 < perms.length ? perms[h + 1] : null;
  const width = inL.fanOut;
  for (let u = 0; u < width; u++) {
    const f = u * K;
    const wi = inL.w + u * fanIn;
    for (let k = 0; k < fanIn; k++) {
      featA[f + k] = pa[wi + k];
      featB[f + k] = pb[wi + (cols === null ? k : cols[k])];
    }
    featA[f + fanIn] = pa[inL.b + u];
    featB[f + fanIn] = pb[inL.b + u];
    // Column u of the next layer's W (R×width): A's rows in order, B's rows permuted.
    for (let r = 0; r < R; r++) {
      featA[f + fanIn + 1 + r] = pa[outL.w + r * width + u];
      featB[f + fanIn + 1 + r] = pb[outL.w + (rows === null ? r : rows[r]) * width + u];
    }
  }
  return K;
}
