/**
 * One entry to the three alignments: weight matching, activation matching (both Git Re-Basin,
 * permutations) and OTFusion's layer-wise transport. Each returns B expressed in A's frame and
 * unit order, ready to be averaged with A parameter by parameter.
 */
import { reframeClassifier, sameSpec, type ClassifierModel } from '../nets/classifier.ts';
import { activationMatching } from './activationMatching.ts';
import { permuteHidden, type Permutations } from './permute.ts';
import { softAlignment, type SoftAlignmentOptions } from './softAlignment.ts';
import { weightMatching, type WeightMatchingOptions } from './weightMatching.ts';

/** How B's units are matched to A's: the alignment methods, in the order the panel lists them. */
export const ALIGNMENT_METHODS = ['weights', 'activations', 'soft'] as const;
export type AlignmentMethod = (typeof ALIGNMENT_METHODS)[number];

/** Options of {@link alignModels}. */
export interface AlignOptions extends WeightMatchingOptions, SoftAlignmentOptions {
  method: AlignmentMethod;
  /** Inputs whose hidden activations are matched: required for 'activations', interleaved. */
  points?: Float64Array;
}

/** Result of {@link alignModels}. */
export interface Alignment {
  /** B in A's frame and unit order (A's spec). */
  alignedB: ClassifierModel;
  /** perms[h][i]: B's unit matched to A's unit i (for 'soft', the unit carrying most of the plan's mass). */
  permutations: Permutations;
}

/**
 * Aligns B to A.
 * @throws RangeError when the models do not fit the method (specs must match for 'weights' and
 *   'activations'; depth and classes for 'soft'), or 'activations' has no points
 */
export function alignModels(a: ClassifierModel, b: ClassifierModel, options: AlignOptions): Alignment {
  const { method } = options;
  if (method === 'soft') {
    const r = softAlignment(a, b, options);
    return { alignedB: r.aligned, permutations: r.permutations };
  }
  if (method !== 'weights' && method !== 'activations') {
    throw new RangeError(
      `alignModels: method must be 'weights', 'activations' or 'soft' (got ${String(method)})`,
    );
  }
  if (!sameSpec(a.spec, b.spec))
    throw new RangeError(`alignModels: '${method}' needs two models of the same spec`);
  let permutations: Permutations;
  if (method === 'weights') {
    permutations = weightMatching(a, b, options).permutations;
  } else {
    if (!options.points)
      throw new RangeError("alignModels: 'activations' needs the points to match activations on");
    permutations = activationMatching(a, b, options.points);
  }
  return { alignedB: permuteHidden(reframeClassifier(b, a.frame), permutations), permutations };
}
