/**
 * The permutation symmetry of a ReLU network: reordering the units of a hidden layer (rows of
 * W_l and b_l, and the matching columns of W_{l+1}) leaves the function unchanged, because ReLU
 * acts unit by unit. Alignment methods return one permutation per hidden layer; these helpers
 * apply, invert, draw and check them.
 *
 * Convention, used throughout `fusion/`: perms[h][i] is the unit of model B matched to unit i of
 * model A in hidden layer h. Applying perms to B puts B's unit perms[h][i] in place i, so the
 * permuted B lines up with A unit by unit.
 */
import { classifierLayers, checkModel, type ClassifierModel } from '../nets/classifier.ts';

/** One permutation of 0..width−1 per hidden layer (length depth). */
export type Permutations = Int32Array[];

/** The identity permutation of every hidden layer. */
export function identityPermutations(width: number, depth: number): Permutations {
  return Array.from({ length: depth }, () => Int32Array.from({ length: width }, (_, i) => i));
}

/** A uniformly random permutation per hidden layer (Fisher–Yates), drawn from `rand` layer by layer. */
export function randomPermutations(width: number, depth: number, rand: () => number): Permutations {
  const perms = identityPermutations(width, depth);
  for (const p of perms) {
    for (let i = width - 1; i > 0; i--) {
      const j = Math.min(i, Math.floor(rand() * (i + 1)));
      const t = p[i];
      p[i] = p[j];
      p[j] = t;
    }
  }
  return perms;
}

/** inverse[p[i]] = i. */
export function invertPermutation(p: Int32Array): Int32Array {
  const inv = new Int32Array(p.length);
  for (let i = 0; i < p.length; i++) inv[p[i]] = i;
  return inv;
}

/**
 * Checks that `perms` holds one permutation of 0..width−1 per hidden layer.
 * @throws RangeError naming `who` otherwise
 */
export function checkPermutations(perms: Permutations, width: number, depth: number, who: string): void {
  if (perms.length !== depth)
    throw new RangeError(
      `${who}: expected ${depth} permutations (one per hidden layer), got ${perms.length}`,
    );
  const seen = new Uint8Array(width);
  for (const p of perms) {
    if (p.length !== width) throw new RangeError(`${who}: each permutation must have ${width} entries`);
    seen.fill(0);
    for (let i = 0; i < width; i++) {
      const j = p[i];
      if (!Number.isInteger(j) || j < 0 || j >= width || seen[j]) {
        throw new RangeError(`${who}: not a permutation of 0..${width - 1}`);
      }
      seen[j] = 1;
    }
  }
}

/**
 * The model with its hidden units reordered: unit i of hidden layer h takes the role of unit
 * perms[h][i] (its row of W_h and b_h, its column of W_{h+1}). Computes the same function: only
 * the order of the additions changes, so outputs agree to rounding (1e-12 relative in the tests).
 */
export function permuteHidden(model: ClassifierModel, perms: Permutations): ClassifierModel {
  checkModel(model, 'permuteHidden');
  const { width, depth } = model.spec;
  checkPermutations(perms, width, depth, 'permuteHidden');
  const layers = classifierLayers(model.spec);
  const src = model.params;
  const out = new Float64Array(src.length);
  for (let l = 0; l < layers.length; l++) {
    const { fanIn, fanOut, w, b } = layers[l];
    // Rows follow this layer's permutation (none for the output layer), columns the previous one's.
    const rows = l < depth ? perms[l] : null;
    const cols = l > 0 ? perms[l - 1] : null;
    for (let i = 0; i < fanOut; i++) {
      const si = rows === null ? i : rows[i];
      out[b + i] = src[b + si];
      const from = w + si * fanIn;
      const to = w + i * fanIn;
      if (cols === null) for (let k = 0; k < fanIn; k++) out[to + k] = src[from + k];
      else for (let k = 0; k < fanIn; k++) out[to + k] = src[from + cols[k]];
    }
  }
  return { spec: model.spec, params: out, frame: model.frame };
}

/** The composition q ∘ p per layer: applying p then q equals applying compose(p, q) (r[i] = p[q[i]]). */
export function composePermutations(p: Permutations, q: Permutations): Permutations {
  return p.map((pl, h) => {
    const ql = q[h];
    return Int32Array.from(ql, (qi) => pl[qi]);
  });
}
