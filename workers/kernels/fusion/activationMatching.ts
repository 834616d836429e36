/**
 * Activation matching (Git Re-Basin, section 3.1): in each hidden layer h, the permutation that
 * maximises Σ_i E[z_A,i z_B,π(i)], the agreement of the two networks' unit outputs (after ReLU)
 * over a set of inputs: a linear assignment on the n-sample average E[z_A z_Bᵀ] (width×width),
 * solved exactly (`solveAssignment`, maximising). A permutation of earlier layers does not change
 * what a unit computes, so the layers are matched independently, in one pass.
 */
import { solveAssignment } from '../exact/assignment.ts';
import { gemmABt, transpose } from '../nets/mlpGemm.ts';
import { checkModel, checkPoints, sameSpec, type ClassifierModel } from '../nets/classifier.ts';
import { hiddenActivations } from '../nets/classifierEval.ts';
import type { Permutations } from './permute.ts';

/**
 * E[z_A z_Bᵀ] of one hidden layer: width_A×width_B, row-major, from activations zA (n×width_A)
 * and zB (n×width_B), row-major.
 */
export function activationCorrelation(zA: Float64Array, zB: Float64Array, n: number): Float64Array {
  const wA = zA.length / n;
  const wB = zB.length / n;
  const tA = new Float64Array(zA.length);
  const tB = new Float64Array(zB.length);
  transpose(zA, 0, tA, n, wA);
  transpose(zB, 0, tB, n, wB);
  const S = new Float64Array(wA * wB);
  gemmABt(tA, tB, 0, S, 0, wA, wB, n, null, 0);
  for (let e = 0; e < S.length; e++) S[e] /= n;
  return S;
}

/**
 * Aligns B's hidden units to A's by activation matching over `points`.
 * @param a, b classifiers of the same spec (frames may differ: each sees the plane points)
 * @param points interleaved inputs, length 2n, n >= 1 (normally the training data)
 * @returns perms[h][i]: B's unit matched to A's unit i (see `permute.ts`)
 * @throws RangeError when the specs differ or an input is malformed
 */
export function activationMatching(
  a: ClassifierModel,
  b: ClassifierModel,
  points: Float64Array,
): Permutations {
  checkModel(a, 'activationMatching model A');
  checkModel(b, 'activationMatching model B');
  if (!sameSpec(a.spec, b.spec))
    throw new RangeError('activationMatching: the two models need the same width, depth and classes');
  const n = checkPoints(points, 'activationMatching', 1);
  const zA = hiddenActivations(a, points);
  const zB = hiddenActivations(b, points);
  const width = a.spec.width;
  return zA.map((za, h) => {
    const S = activationCorrelation(za, zB[h], n);
    for (let e = 0; e < S.length; e++) S[e] = -S[e];
    return solveAssignment(S, width).rowToCol;
  });
}
