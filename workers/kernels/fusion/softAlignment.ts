/**
 * OTFusion's layer-wise alignment (Singh & Jaggi, "Model Fusion via Optimal Transport", 2020,
 * weight-based variant): B's hidden units are transported onto A's, layer by layer, by an optimal
 * transport plan between the two layers' units (uniform weights 1/width_A and 1/width_B), so the
 * widths may differ and the aligned B has A's width.
 *
 * For hidden layer h = 0..depth−1, with M_h = width_A · T_h (width_A×width_B; for equal widths and a
 * permutation plan, M_h is the permutation matrix):
 *  1. B's incoming weights in A's input basis: Ŵ_B,h = W_B,h M_{h−1}ᵀ (M_{−1} = I, the plane inputs);
 *  2. ground cost C_ij = ‖[W_A,h | b_A,h]_i − [Ŵ_B,h | b_B,h]_j‖ (Euclidean, incoming weights and
 *     bias: two units with the same weights but different thresholds are different units);
 *  3. T_h = the exact plan (`exactOT`) or the entropic one (`sinkhorn`, ε = `epsilon` × mean C);
 *  4. aligned rows: W̃_B,h = M_h Ŵ_B,h, b̃_B,h = M_h b_B,h, each of A's units receiving the
 *     plan-weighted average of the B units sent to it.
 * The output layer takes step 1 only (its rows are the classes, already aligned).
 */
import { exactOT } from '../exact/exact.ts';
import { sinkhorn } from '../sinkhorn/sinkhorn.ts';
import {
  checkModel,
  classifierLayers,
  classifierParamCount,
  reframeClassifier,
  type ClassifierModel,
} from '../nets/classifier.ts';
import type { Permutations } from './permute.ts';

/**
 * How each layer's transport plan is solved (a kind of plan, not a method id): 'exact' (a
 * permutation when the widths are equal) or 'sinkhorn' (a soft plan).
 */
export const SOFT_PLANS = ['exact', 'sinkhorn'] as const;
export type SoftPlan = (typeof SOFT_PLANS)[number];

/** Options of {@link softAlignment}. */
export interface SoftAlignmentOptions {
  /** One of {@link SOFT_PLANS} (default 'exact'). */
  plan?: SoftPlan;
  /** Sinkhorn's ε relative to the mean of each layer's cost matrix, > 0 (default 0.01). */
  epsilon?: number;
}

/** Result of {@link softAlignment}. */
export interface SoftAlignmentResult {
  /** B transported onto A's units: A's spec and frame; computes B's function when every plan is a permutation. */
  aligned: ClassifierModel;
  /** One plan per hidden layer: width_A×width_B, row-major, marginals 1/width_A and 1/width_B. */
  plans: Float64Array[];
  /**
   * perms[h][i]: the B unit carrying most of the plan's mass for A's unit i (lowest index on ties):
   * the matched unit when the plan is a permutation; otherwise a summary, not necessarily a permutation.
   */
  permutations: Permutations;
}

/**
 * Aligns B onto A by layer-wise optimal transport (see the module comment).
 * @param a, b classifiers with the same depth and classes (widths may differ)
 * @throws RangeError on malformed models, different depth or classes, or a bad epsilon
 */
export function softAlignment(
  a: ClassifierModel,
  b: ClassifierModel,
  options: SoftAlignmentOptions = {},
): SoftAlignmentResult {
  checkModel(a, 'softAlignment model A');
  checkModel(b, 'softAlignment model B');
  if (a.spec.depth !== b.spec.depth || a.spec.classes !== b.spec.classes) {
    throw new RangeError('softAlignment: the two models need the same depth and classes');
  }
  const planKind = options.plan ?? 'exact';
  if (planKind !== 'exact' && planKind !== 'sinkhorn')
    throw new RangeError(`softAlignment: plan must be 'exact' or 'sinkhorn'`);
  const epsilon = options.epsilon ?? 0.01;
  if (!(epsilon > 0 && Number.isFinite(epsilon)))
    throw new RangeError(`softAlignment: epsilon must be finite and > 0 (got ${epsilon})`);
  const pa = a.params;
  const pb = reframeClassifier(b, a.frame).params;
  const layersA = classifierLayers(a.spec);
  const layersB = classifierLayers(b.spec);
  const out = new Float64Array(classifierParamCount(a.spec));
  const plans: Float64Array[] = [];
  const permutations: Permutations = [];
  const wA = a.spec.width;
  const wB = b.spec.width;
  const depth = a.spec.depth;
  let M: Float64Array | null = null; // width_A×width_B transport of the previous hidden layer
  for (let l = 0; l <= depth; l++) {
    const LA = layersA[l];
    const LB = layersB[l];
    // Step 1: B's incoming weights in A's input basis, rows = B's units of this layer.
    const fanIn = LA.fanIn;
    const rowsB = LB.fanOut;
    const hat = new Float64Array(rowsB * fanIn);
    for (let j = 0; j < rowsB; j++) {
      const src = LB.w + j * LB.fanIn;
      for (let i = 0; i < fanIn; i++) {
        if (M === null) {
          hat[j * fanIn + i] = pb[src + i];
        } else {
          let s = 0;
          const mRow = i * wB;
          for (let k = 0; k < wB; k++) s += pb[src + k] * M[mRow + k];
          hat[j * fanIn + i] = s;
        }
      }
    }
    if (l === depth) {
      out.set(hat, LA.w);
      out.set(pb.subarray(LB.b, LB.b + LB.fanOut), LA.b);
      break;
    }
    // Steps 2 and 3: the plan between A's units and B's.
    const C = new Float64Array(wA * wB);
    for (let i = 0; i < wA; i++) {
      for (let j = 0; j < wB; j++) {
        let s = (pa[LA.b + i] - pb[LB.b + j]) ** 2;
        for (let k = 0; k < fanIn; k++) s += (pa[LA.w + i * fanIn + k] - hat[j * fanIn + k]) ** 2;
        C[i * wB + j] = Math.sqrt(s);
      }
    }
    const T = transportPlan(C, wA, wB, planKind, epsilon);
    plans.push(T);
    permutations.push(rowArgmax(T, wA, wB));
    M = T.map((t) => t * wA);
    // Step 4: each of A's units gets the plan-weighted mix of B's rows.
    for (let i = 0; i < wA; i++) {
      let bias = 0;
      const to = LA.w + i * fanIn;
      for (let j = 0; j < wB; j++) {
        const m = M[i * wB + j];
        if (m === 0) continue;
        bias += m * pb[LB.b + j];
        for (let k = 0; k < fanIn; k++) out[to + k] += m * hat[j * fanIn + k];
      }
      out[LA.b + i] = bias;
    }
  }
  return { aligned: { spec: a.spec, params: out, frame: a.frame }, plans, permutations };
}

/** The dense wA×wB plan between uniform weights for cost C. */
function transportPlan(
  C: Float64Array,
  wA: number,
  wB: number,
  kind: SoftPlan,
  epsilon: number,
): Float64Array {
  const a = new Float64Array(wA).fill(1 / wA);
  const b = new Float64Array(wB).fill(1 / wB);
  const T = new Float64Array(wA * wB);
  if (kind === 'exact') {
    const { plan } = exactOT(a, b, C);
    for (let k = 0; k < plan.mass.length; k++) T[plan.i[k] * wB + plan.j[k]] += plan.mass[k];
    return T;
  }
  let mean = 0;
  for (let e = 0; e < C.length; e++) mean += C[e];
  mean /= C.length;
  // All costs equal (zero mean: identical all-zero units): every unit matches every unit equally.
  if (!(mean > 0)) return T.fill(1 / (wA * wB));
  return sinkhorn(a, b, C, { epsilon: epsilon * mean, tolerance: 1e-9, maxIterations: 10_000 }).plan;
}

/** For each row, the column of its largest entry (lowest on ties). */
function rowArgmax(T: Float64Array, rows: number, cols: number): Int32Array {
  const out = new Int32Array(rows);
  for (let i = 0; i < rows; i++) {
    let best = 0;
    for (let j = 1; j < cols; j++) if (T[i * cols + j] > T[i * cols + best]) best = j;
    out[i] = best;
  }
  return out;
}
